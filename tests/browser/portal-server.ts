import { createServer } from "node:net"
import { Effect } from "effect"
import type { Browser } from "playwright-core"
import { afterAll, beforeAll, expect } from "vitest"
import { listMail, showMail } from "../../adapters/mail/index.js"
import { startHttpServer } from "../../apps/http/server.js"
import { customerApp, json, registration } from "../http/customer-app.js"
import { launchBrowser } from "./browser.js"

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0))
    })
  })

/** What a browser test may set of the server: the resend countdown, the simulated console (issue 15). */
export type PortalServerOptions = Pick<
  Parameters<typeof customerApp>[0] & {},
  "simulatedConsole" | "emailCodeResendSeconds"
>

/**
 * The API and the portal on a real socket, as `serve` runs them, on a fresh embedded database with
 * the sample catalogue. E-mails go to the file outbox, whose links point at this server.
 */
export const portalServer = async (options: PortalServerOptions = {}) => {
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const app = await customerApp({ ...options, portal: true, publicUrl: baseUrl })
  const server = await startHttpServer(app.app, { port, hostname: "127.0.0.1" })
  /** The newest e-mail to this address, as `portcullis mail show` reads it (after delivering what is due). */
  const lastMailTo = async (address: string) => {
    await app.deliverMail()
    const mails = await Effect.runPromise(listMail(app.outboxDir))
    const newest = [...mails].reverse().find((mail) => mail.to.includes(address))
    if (newest === undefined) throw new Error(`no e-mail to ${address} in the outbox`)
    return Effect.runPromise(showMail(app.outboxDir, newest.id))
  }
  /** A new account registered through the API (a browser test's starting point), with its key. */
  const registered = async () => {
    const [key] = await app.issue()
    const form = registration(key!)
    expect((await app.app.request("/v1/accounts", json("POST", form))).status).toBe(201)
    return { ...form, key: key! }
  }
  return {
    ...app,
    baseUrl,
    lastMailTo,
    registered,
    close: async () => {
      await server.close()
      await app.close()
    },
  }
}

export type PortalServer = Awaited<ReturnType<typeof portalServer>>

/** One server and one browser for a test file, started before its tests and closed after them. */
export const portalSuite = (options: PortalServerOptions = {}) => {
  let server: PortalServer | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    server = await portalServer(options)
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })
  return {
    get server(): PortalServer {
      return server!
    },
    get browser(): Browser {
      return browser!
    },
  }
}
