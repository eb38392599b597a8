import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { getRequestListener, type Http2Bindings, type HttpBindings } from "@hono/node-server"
import {
  answerClientError,
  type LogUnreadRequest,
  refuseUnaddressable,
  requiringHost,
} from "./unread-requests.js"

export interface HttpServerOptions {
  readonly port: number
  readonly hostname?: string
  /** How long in-flight requests may run after `close()` before their sockets are cut. */
  readonly shutdownGraceMs?: number
  /** Told of each request refused before the app could read it (a parser error, no Host header). */
  readonly logUnreadRequest?: LogUnreadRequest
}

export interface RunningHttpServer {
  /** The bound port, so that `port: 0` can be used in tests. */
  readonly port: number
  /** Stops accepting, lets in-flight requests finish (up to the grace period), resolves once closed. */
  readonly close: () => Promise<void>
}

interface FetchApp {
  readonly fetch: (request: Request, env: HttpBindings | Http2Bindings) => unknown
}

/**
 * Node's `close()` waits for every socket; a keep-alive socket whose request finished during shutdown
 * would hold it open until its idle timeout. Responses still being written are told to close their
 * connection, and idle sockets are reaped as each request ends.
 */
const closer = (server: Server, graceMs: number) => {
  const inFlight = new Set<ServerResponse>()
  let closed: Promise<void> | undefined
  server.on("request", (_request: IncomingMessage, response: ServerResponse) => {
    inFlight.add(response)
    if (closed !== undefined) response.setHeader("connection", "close")
    response.once("close", () => {
      inFlight.delete(response)
      if (closed !== undefined) setImmediate(() => server.closeIdleConnections())
    })
  })
  return (): Promise<void> =>
    (closed ??= new Promise<void>((resolve, reject) => {
      const cutOff = setTimeout(() => server.closeAllConnections(), graceMs)
      server.close((error) => {
        clearTimeout(cutOff)
        if (error === undefined) resolve()
        else reject(error)
      })
      for (const response of inFlight) if (!response.headersSent) response.setHeader("connection", "close")
      server.closeIdleConnections()
    }))
}

/** Why the server could not listen, naming the variable to change: an environment problem, not a bug. */
export class ListenFailed extends Error {
  override readonly name = "ListenFailed"
  constructor(
    readonly variable: "PORT" | "HOST",
    reason: string,
  ) {
    super(`${variable}: ${reason}`)
  }
}

const listenFailed = (error: NodeJS.ErrnoException, port: number, host: string): ListenFailed => {
  switch (error.code) {
    case "EADDRINUSE":
      return new ListenFailed("PORT", `${port} is already in use on ${host}`)
    case "EACCES":
    case "EPERM":
      return new ListenFailed("PORT", `${port} on ${host} needs privileges this process lacks`)
    case "EADDRNOTAVAIL":
      return new ListenFailed("HOST", `cannot listen on ${host}: not an address of this machine`)
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EAI_NONAME":
      return new ListenFailed("HOST", `cannot listen on ${host}: no such host`)
    default:
      return new ListenFailed("HOST", `cannot listen on ${host}:${port}: ${error.code ?? error.message}`)
  }
}

/** Rejects with ListenFailed when the port or host cannot be used. */
export const startHttpServer = (app: FetchApp, options: HttpServerOptions): Promise<RunningHttpServer> =>
  new Promise((resolve, reject) => {
    const log = options.logUnreadRequest ?? (() => {})
    // What `serve` from @hono/node-server builds, plus the answers to requests the app never sees.
    const listener = getRequestListener(app.fetch, {
      ...(options.hostname === undefined ? {} : { hostname: options.hostname }),
      errorHandler: refuseUnaddressable(log),
    })
    const server = createServer({ requireHostHeader: false }, requiringHost(listener, log))
    server.on("clientError", answerClientError(log))
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(listenFailed(error, options.port, options.hostname ?? "0.0.0.0")),
    )
    server.listen(options.port, options.hostname, () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        close: closer(server, options.shutdownGraceMs ?? 10_000),
      }),
    )
  })

/**
 * On SIGTERM or SIGINT: close the server, then `onClosed` (dispose the runtime, close the database),
 * then exit 0. A second signal exits at once. Returns a function that removes the handlers.
 */
export const installGracefulShutdown = (
  server: Pick<RunningHttpServer, "close">,
  onClosed: () => Promise<void>,
): (() => void) => {
  let shuttingDown = false
  const shutdown = (signal: NodeJS.Signals) => {
    if (shuttingDown) process.exit(1)
    shuttingDown = true
    server
      .close()
      .then(onClosed)
      .then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`shutdown after ${signal} failed: ${String(error)}\n`)
          process.exit(1)
        },
      )
  }
  process.on("SIGTERM", shutdown)
  process.on("SIGINT", shutdown)
  return () => {
    process.off("SIGTERM", shutdown)
    process.off("SIGINT", shutdown)
  }
}
