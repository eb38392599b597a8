import { startHttpServer } from "../../apps/http/server.js"
// The same fixture as the HTTP tests: the real app, on a fresh embedded database in a temp folder.
import { customerApp } from "../../tests/http/customer-app.js"

export type CustomerApp = Awaited<ReturnType<typeof customerApp>>

/**
 * The customer API served on loopback for `work`, then closed (the fixture checks on close that the
 * log holds no secret the benchmark noted). A bare route beside it, `GET /bench/bare`, passes the
 * global middleware (request id, access log, secure headers, 405 check, body limit) but not the
 * per-route Effect runtime, schemas, authentication or SQL.
 */
export const withCustomerServer = async <A>(
  work: (customer: CustomerApp, base: string) => Promise<A>,
): Promise<A> => {
  const customer = await customerApp()
  try {
    customer.app.get("/bench/bare", (c) => c.json({ ok: true }))
    const server = await startHttpServer(customer.app, {
      port: 0,
      hostname: "127.0.0.1",
      shutdownGraceMs: 1000,
    })
    try {
      return await work(customer, `http://127.0.0.1:${server.port}`)
    } finally {
      await server.close()
    }
  } finally {
    await customer.close()
  }
}
