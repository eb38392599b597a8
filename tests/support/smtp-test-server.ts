import { createServer, type Socket } from "node:net"
import { type ParsedMail, simpleParser } from "mailparser"
import { SMTPServer } from "smtp-server"

export interface ReceivedMail {
  readonly envelopeFrom: string
  readonly envelopeTo: ReadonlyArray<string>
  readonly mail: ParsedMail
}

export interface SmtpTestServer {
  readonly url: string
  readonly received: ReadonlyArray<ReceivedMail>
  /** The next RCPT TO is answered with this code instead of being accepted. */
  readonly refuseNextRecipient: (code: number, message?: string) => void
  /**
   * The next message is received in full and kept, then the connection drops before the server
   * answers: the sender cannot know it was accepted (a reply lost on the way back).
   */
  readonly dropNextReply: () => void
  readonly waitFor: (count: number, timeoutMillis?: number) => Promise<ReadonlyArray<ReceivedMail>>
  readonly close: () => Promise<void>
}

// Plain text on loopback with no AUTH: the client under test connects exactly as to a local relay.
export const startSmtpTestServer = async (): Promise<SmtpTestServer> => {
  const received: Array<ReceivedMail> = []
  let refusal: { code: number; message: string } | undefined
  let dropReply = false

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onRcptTo(_address, _session, callback) {
      const current = refusal
      refusal = undefined
      if (current === undefined) return callback()
      callback(Object.assign(new Error(current.message), { responseCode: current.code }))
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          const from = session.envelope.mailFrom
          received.push({
            envelopeFrom: from === false ? "" : from.address,
            envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            mail,
          })
          if (!dropReply) return callback()
          dropReply = false
          connectionOf(session.id)?._socket.destroy()
        },
        (error: Error) => callback(error),
      )
    },
  })

  // smtp-server keeps its connections in a set it does not type; the socket is the only way to hang up mid-reply.
  const connectionOf = (id: string) =>
    [...(server as unknown as { connections: Set<{ id: string; _socket: Socket }> }).connections].find(
      (connection) => connection.id === id,
    )

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const address = server.server.address()
  if (address === null || typeof address === "string") throw new Error("SMTP test server has no TCP port")

  const waitFor = async (count: number, timeoutMillis = 5_000) => {
    const deadline = Date.now() + timeoutMillis
    while (received.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} messages, received ${received.length}`)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    return [...received]
  }

  return {
    url: `smtp://127.0.0.1:${address.port}`,
    received,
    refuseNextRecipient: (code, message = code >= 500 ? "mailbox unavailable" : "try again later") => {
      refusal = { code, message }
    },
    dropNextReply: () => {
      dropReply = true
    },
    waitFor,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** A loopback URL where nothing listens: a port the kernel just handed out and took back. */
export const unusedSmtpUrl = async (): Promise<string> => {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve))
  const address = probe.address()
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  if (address === null || typeof address === "string") throw new Error("probe server has no TCP port")
  return `smtp://127.0.0.1:${address.port}`
}
