import { randomUUID } from "node:crypto"
import { maxHeaderSize, type RequestListener, STATUS_CODES } from "node:http"
import type { Duplex } from "node:stream"
import { RequestError } from "@hono/node-server"
import { type ProblemContext, type ProblemInit, problemJson, problemResponse } from "./shell/problem.js"
import {
  headersTooLarge,
  internalError,
  malformedRequest,
  payloadTooLarge,
  requestTimeout,
} from "./shell/request-errors.js"

// Requests the app never sees: Node's parser (llhttp) refuses them, or @hono/node-server cannot make
// a URL of them. Both would answer a bare 400 with no body; these answer problem+json like the rest.

/** One log line per refusal; never the request's bytes, which may carry a token or a password. */
export interface UnreadRequest {
  readonly requestId: string
  /** Node's error code (`HPE_…`), or what the adapter found wrong. */
  readonly cause: string
  /** The status answered; absent when the connection could take no answer. */
  readonly status?: number
}

export type LogUnreadRequest = (refusal: UnreadRequest) => void

/** The problem for a parser error, by Node's error code (the statuses Node itself would answer). */
export const problemOfParserError = (code: string | undefined): ProblemInit => {
  switch (code) {
    case "HPE_HEADER_OVERFLOW":
      return {
        ...headersTooLarge,
        detail: `The request line and headers must fit in ${maxHeaderSize} bytes.`,
      }
    case "HPE_CHUNK_EXTENSIONS_OVERFLOW":
      return { ...payloadTooLarge, detail: "The chunk extensions of the request body are too long." }
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return { ...requestTimeout, detail: "The request was not received in time." }
    case "HPE_UNEXPECTED_CONTENT_LENGTH":
    case "HPE_INVALID_TRANSFER_ENCODING":
      return {
        ...malformedRequest,
        detail: "Transfer-Encoding is sent once, ends with `chunked`, and never beside Content-Length.",
      }
    case "HPE_INVALID_CHUNK_SIZE":
      return { ...malformedRequest, detail: "A chunk size of the request body is not a hexadecimal number." }
    case "HPE_INVALID_EOF_STATE":
      return { ...malformedRequest, detail: "The connection ended before the request did." }
    default:
      return {
        ...malformedRequest,
        detail: "The request is not valid HTTP/1.1 (request line, headers or framing).",
      }
  }
}

// No path is shown: the request was not read far enough to know it, or to replace a secret in it.
const contextOf = (requestId: string): ProblemContext => ({ instance: `urn:uuid:${requestId}`, requestId })

const headersOf = (requestId: string) => ({
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "x-request-id": requestId,
  connection: "close",
})

interface Refusal {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

const refusal = (problem: ProblemInit, requestId: string): Refusal => {
  const body = problemJson(problem, contextOf(requestId))
  return {
    status: problem.status,
    headers: {
      "content-type": "application/problem+json",
      "content-length": String(Buffer.byteLength(body)),
      ...headersOf(requestId),
    },
    body,
  }
}

const asHttpMessage = ({ status, headers, body }: Refusal): string =>
  [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
    "",
    body,
  ].join("\r\n")

// Node's own test before it writes its bare 400 (socketOnError in lib/_http_server.js): once a
// response has started on the socket, another one would corrupt what the client reads.
const responseStarted = (socket: Duplex): boolean =>
  (socket as { _httpMessage?: { _headerSent?: boolean } | null })._httpMessage?._headerSent === true

/** The server's `clientError` handler: answers problem+json when the socket can take it, then cuts it. */
export const answerClientError =
  (log: LogUnreadRequest) =>
  (error: NodeJS.ErrnoException, socket: Duplex): void => {
    // The client went away; there is no one to answer and nothing worth a log line.
    if (error.code === "ECONNRESET") {
      socket.destroy()
      return
    }
    const requestId = randomUUID()
    const cause = error.code ?? "unknown"
    if (!socket.writable || responseStarted(socket)) {
      socket.destroy()
      log({ requestId, cause })
      return
    }
    const answer = refusal(problemOfParserError(error.code), requestId)
    socket.write(asHttpMessage(answer))
    socket.destroy()
    log({ requestId, cause, status: answer.status })
  }

/**
 * Node answers an HTTP/1.1 request without Host itself (a bare 400) unless `requireHostHeader` is
 * off; with it off, this answers in its place, and every other request goes on to `listener`.
 */
export const requiringHost =
  (listener: RequestListener, log: LogUnreadRequest): RequestListener =>
  (request, response) => {
    if (request.httpVersion !== "1.1" || request.headers.host !== undefined) {
      listener(request, response)
      return
    }
    const requestId = randomUUID()
    const answer = refusal(
      { ...malformedRequest, detail: "An HTTP/1.1 request must carry a Host header." },
      requestId,
    )
    response.writeHead(answer.status, answer.headers).end(answer.body)
    log({ requestId, cause: "no Host header", status: answer.status })
  }

/**
 * @hono/node-server's `errorHandler`: a `RequestError` is a target or Host header that makes no
 * URL (a backslash in the path, `Host: a@b`). Its message is the adapter's own words, not the request's.
 */
export const refuseUnaddressable =
  (log: LogUnreadRequest) =>
  (error: unknown): Response => {
    const requestId = randomUUID()
    const problem: ProblemInit =
      error instanceof RequestError
        ? { ...malformedRequest, detail: "The request target and Host header do not make a URL." }
        : internalError
    log({
      requestId,
      cause: error instanceof RequestError ? error.message : "the app threw before answering",
      status: problem.status,
    })
    return problemResponse(problem, contextOf(requestId), headersOf(requestId))
  }
