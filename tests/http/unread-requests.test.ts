import { connect } from "node:net"
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import { type RunningHttpServer, startHttpServer } from "../../apps/http/server.js"
import { problemOfParserError, type UnreadRequest } from "../../apps/http/unread-requests.js"
import { sampleApp } from "./sample-app.js"

// Requests Node's parser or the adapter refuses before the app reads them, sent over a raw socket as
// a probe (or a broken client) would: each must still get problem+json, with a request id, and one
// log line that names the cause and nothing the request carried.

const problems = "https://portcullis.dev/problems/"
const secret = "Bearer tok-e2b7c1d94f"

/** Sends the bytes, half-closes, and collects everything the server answers until it closes. */
const exchange = (port: number, request: string) =>
  new Promise<string>((resolve, reject) => {
    let text = ""
    const socket = connect(port, "127.0.0.1", () => socket.end(request))
    socket.setEncoding("latin1")
    socket.on("data", (data: string) => {
      text += data
    })
    socket.on("close", () => resolve(text))
    socket.on("error", reject)
  })

/** The responses the server wrote, one after another, each read by its Content-Length. */
const responsesIn = (text: string) => {
  const responses = []
  for (let rest = text; rest.length > 0; ) {
    const end = rest.indexOf("\r\n\r\n")
    const [statusLine = "", ...lines] = rest.slice(0, end).split("\r\n")
    const headers = new Map(
      lines.map((line) => [
        line.slice(0, line.indexOf(":")).toLowerCase(),
        line.slice(line.indexOf(":") + 1).trim(),
      ]),
    )
    const length = Number(headers.get("content-length"))
    expect(length, statusLine).toBeGreaterThan(0)
    const body = rest.slice(end + 4, end + 4 + length)
    responses.push({
      status: Number(statusLine.split(" ")[1]),
      headers,
      body: JSON.parse(body) as Record<string, unknown>,
    })
    rest = rest.slice(end + 4 + length)
  }
  return responses
}

const chunked = (bytes: number, chunk: number) =>
  Array.from(
    { length: Math.ceil(bytes / chunk) },
    () => `${chunk.toString(16)}\r\n${"x".repeat(chunk)}\r\n`,
  ).join("")

describe("requests refused before the app reads them", () => {
  const { app, logs, runtime } = sampleApp()
  const refusals: Array<UnreadRequest> = []
  let server: RunningHttpServer
  beforeAll(async () => {
    server = await startHttpServer(app, {
      port: 0,
      hostname: "127.0.0.1",
      shutdownGraceMs: 1_000,
      logUnreadRequest: (refusal) => refusals.push(refusal),
    })
  })
  afterAll(async () => {
    await server.close()
    await runtime.dispose()
  })

  const refused = async (request: string, status: number, slug: string, cause: string) => {
    const before = refusals.length
    const [answer, ...more] = responsesIn(await exchange(server.port, request))
    expect(more).toEqual([])
    if (answer === undefined) throw new Error("no answer")
    expect(answer.status).toBe(status)
    expect(answer.headers.get("content-type")).toBe("application/problem+json")
    expect(answer.headers.get("connection")).toBe("close")
    const requestId = answer.headers.get("x-request-id")
    expect(answer.body).toMatchObject({ type: `${problems}${slug}`, status, requestId })
    expect(answer.body.instance).toBe(`urn:uuid:${requestId}`)
    expect(refusals.slice(before)).toEqual([{ requestId, cause, status }])
    expect(JSON.stringify(refusals)).not.toContain("tok-e2b7c1d94f")
    return answer
  }

  it("answers Content-Length together with Transfer-Encoding with 400 malformed-request", async () => {
    const request =
      "POST /v1/things HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
      `Authorization: ${secret}\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n`
    await refused(request, 400, "malformed-request", "HPE_INVALID_TRANSFER_ENCODING")
  })

  it("answers headers over Node's limit with 431 headers-too-large", async () => {
    const request = `GET /healthz HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${secret}\r\nX-Padding: ${"p".repeat(20_000)}\r\n\r\n`
    const answer = await refused(request, 431, "headers-too-large", "HPE_HEADER_OVERFLOW")
    expect(answer.body.detail).toMatch(/16384 bytes/)
  })

  it("answers chunk extensions over Node's limit with 413 payload-too-large", async () => {
    const request =
      "POST /v1/things HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
      `Transfer-Encoding: chunked\r\n\r\n2;ext=${"e".repeat(20_000)}\r\n{}\r\n0\r\n\r\n`
    await refused(request, 413, "payload-too-large", "HPE_CHUNK_EXTENSIONS_OVERFLOW")
  })

  it("answers a request line that is not HTTP with 400 malformed-request", async () => {
    await refused("G(T / HTTP/1.1\r\nHost: localhost\r\n\r\n", 400, "malformed-request", "HPE_INVALID_METHOD")
  })

  it("answers a path with a backslash, which the adapter cannot make a URL of, with 400", async () => {
    await refused(
      "GET /v1\\things HTTP/1.1\r\nHost: localhost\r\n\r\n",
      400,
      "malformed-request",
      "Backslash in request path",
    )
  })

  // The outside probe of issue 10: a raw 200 KiB chunked DELETE, sent without a Host header, got
  // Node's own bare 400; with a Host header it is the 413 of the body limit.
  it("answers an HTTP/1.1 request without Host, a 200 KiB chunked DELETE, with 400 problem+json", async () => {
    const request =
      "DELETE /v1/account/two-factor HTTP/1.1\r\nContent-Type: application/json\r\n" +
      `Authorization: ${secret}\r\nTransfer-Encoding: chunked\r\n\r\n${chunked(200 * 1024, 1024)}0\r\n\r\n`
    const answer = await refused(request, 400, "malformed-request", "no Host header")
    expect(answer.body.detail).toMatch(/Host header/)
  })

  it("answers a malformed request after a good one on the same connection", async () => {
    const before = refusals.length
    const text = await new Promise<string>((resolve, reject) => {
      let received = ""
      const socket = connect(server.port, "127.0.0.1", () =>
        socket.write("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"),
      )
      socket.setEncoding("latin1")
      socket.on("data", (data: string) => {
        // The second request once the first is answered: a pipelined one would be refused before it.
        if (received === "") socket.end("GET /healthz HTTP/1.1\r\nHost: localhost\r\nBad Header: 1\r\n\r\n")
        received += data
      })
      socket.on("close", () => resolve(received))
      socket.on("error", reject)
    })
    const [first, second] = responsesIn(text)
    expect(first?.status).toBe(200)
    expect(second).toMatchObject({ status: 400, body: { type: `${problems}malformed-request` } })
    expect(refusals.slice(before).map((r) => r.cause)).toEqual(["HPE_INVALID_HEADER_TOKEN"])
  })

  // Node emits the request as soon as its headers are read, so the app is already reading the body
  // when its framing breaks: the client gets the parser's answer, and the app logs no failure.
  it.each([
    [
      "an invalid chunk size",
      `Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\nzz\r\n`,
      "HPE_INVALID_CHUNK_SIZE",
    ],
    [
      "a body cut short by the end of the connection",
      "Content-Length: 100\r\n\r\n{",
      "HPE_INVALID_EOF_STATE",
    ],
  ])("answers %s in a body being read with 400, and the app logs no failure", async (_, framing, cause) => {
    const logged = logs.length
    const request = `POST /v1/things HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n${framing}`
    await refused(request, 400, "malformed-request", cause)
    // The access line comes after any failure the request logs.
    await vi.waitFor(() =>
      expect(logs.slice(logged).some((line) => line.message === "http request")).toBe(true),
    )
    expect(logs.slice(logged).filter((line) => line.level !== "INFO")).toEqual([])
    expect(logs.slice(logged).find((line) => line.message === "http request")?.annotations).toMatchObject({
      path: "/v1/things",
      status: 400,
    })
  })

  it("answers a timed-out request with 408 request-timeout, as Node would", () => {
    // Node's timeouts are minutes long; what it reports is mapped as the parser's errors are.
    expect(problemOfParserError("ERR_HTTP_REQUEST_TIMEOUT")).toMatchObject({
      status: 408,
      slug: "request-timeout",
    })
  })
})
