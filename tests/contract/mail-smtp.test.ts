import { describe, expect, it } from "@effect/vitest"
import { Effect, Either } from "effect"
import { SmtpMailerLive, toDeliveryError } from "../../adapters/mail/index.js"
import { Mailer, type MailMessage } from "../../application/mail/mailer.js"
import { startSmtpTestServer, unusedSmtpUrl } from "../support/smtp-test-server.js"

const FROM = "Portcullis <no-reply@portcullis.test>"
const secretLink = "https://portcullis.test/recover?token=s3cr3t-t0k3n"

const message: MailMessage = {
  to: ["hanako@example.test", "taro@example.test"],
  subject: "パスワード再設定のご案内",
  text: `こんにちは、花子さん。\n次のリンクから再設定してください:\n${secretLink}\n`,
  html: `<p>こんにちは、花子さん。</p><p><a href="${secretLink}">再設定する</a></p>`,
  headers: { "X-Portcullis-Kind": "recovery" },
}

const smtpServer = Effect.acquireRelease(
  Effect.promise(() => startSmtpTestServer()),
  (server) => Effect.promise(() => server.close()),
)

const sendVia = (url: string, mail: MailMessage) =>
  Effect.flatMap(Mailer, (mailer) => mailer.send(mail)).pipe(
    Effect.provide(SmtpMailerLive({ url, from: FROM })),
    Effect.either,
  )

describe("SmtpMailerLive", () => {
  it.scoped("delivers UTF-8 subject, text and HTML to every recipient over SMTP", () =>
    Effect.gen(function* () {
      const server = yield* smtpServer
      const delivery = Either.getOrThrow(yield* sendVia(server.url, message))
      const [received] = yield* Effect.promise(() => server.waitFor(1))
      const mail = received!.mail

      expect(received!.envelopeTo).toEqual(message.to)
      expect(received!.envelopeFrom).toBe("no-reply@portcullis.test")
      expect(mail.from?.value).toEqual([{ name: "Portcullis", address: "no-reply@portcullis.test" }])
      expect(mail.subject).toBe(message.subject)
      expect(mail.text?.trim()).toBe(message.text.trim())
      expect(mail.html).toBe(message.html)
      expect(mail.headers.get("x-portcullis-kind")).toBe("recovery")
      // RFC 3834: vacation responders and the like do not answer it.
      expect(mail.headers.get("auto-submitted")).toBe("auto-generated")
      expect(mail.messageId).toBe(delivery.messageId)
      expect(delivery.response).toMatch(/^250\b/)
    }),
  )

  it.scoped("uses the message's own sender when it has one, and sends text alone without HTML", () =>
    Effect.gen(function* () {
      const server = yield* smtpServer
      const { html: _html, ...textOnly } = message
      yield* sendVia(server.url, { ...textOnly, from: "security@portcullis.test" })
      const [received] = yield* Effect.promise(() => server.waitFor(1))
      expect(received!.mail.from?.text).toBe("security@portcullis.test")
      expect(received!.mail.html).toBe(false)
      expect(received!.mail.headers.get("auto-submitted")).toBe("auto-generated")
    }),
  )

  it.scoped(
    "a message with an id has the same Message-ID each time it is sent, after the sender's domain",
    () =>
      Effect.gen(function* () {
        const server = yield* smtpServer
        const first = Either.getOrThrow(yield* sendVia(server.url, { ...message, id: "job-42" }))
        const again = Either.getOrThrow(yield* sendVia(server.url, { ...message, id: "job-42" }))
        const received = yield* Effect.promise(() => server.waitFor(2))
        expect(received.map((r) => r.mail.messageId)).toEqual([
          "<job-42@portcullis.test>",
          "<job-42@portcullis.test>",
        ])
        expect([first.messageId, again.messageId]).toEqual([
          "<job-42@portcullis.test>",
          "<job-42@portcullis.test>",
        ])
      }),
  )

  it.scoped("a 550 refusal is permanent, and the reason is one line without the body", () =>
    Effect.gen(function* () {
      const server = yield* smtpServer
      server.refuseNextRecipient(550)
      const error = Either.flip(yield* sendVia(server.url, { ...message, to: ["gone@example.test"] }))
      const failure = Either.getOrThrow(error)
      expect(failure._tag).toBe("MailDeliveryError")
      expect(failure.permanent).toBe(true)
      expect(failure.reason).toContain("550")
      expect(failure.reason).not.toContain("s3cr3t")
      expect(failure.reason).not.toMatch(/[\r\n]/)
      expect(server.received).toHaveLength(0)
    }),
  )

  it.scoped("a 451 deferral is temporary", () =>
    Effect.gen(function* () {
      const server = yield* smtpServer
      server.refuseNextRecipient(451)
      const failure = Either.getOrThrow(
        Either.flip(yield* sendVia(server.url, { ...message, to: ["busy@example.test"] })),
      )
      expect(failure.permanent).toBe(false)
      expect(failure.reason).toContain("451")
    }),
  )

  it.effect("a server that is not listening is a temporary failure", () =>
    Effect.gen(function* () {
      const url = yield* Effect.promise(unusedSmtpUrl)
      const failure = Either.getOrThrow(Either.flip(yield* sendVia(url, message)))
      expect(failure.permanent).toBe(false)
      expect(failure.reason).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/)
    }),
  )

  it("maps failures without an SMTP reply by kind", () => {
    expect(toDeliveryError(Object.assign(new Error("Timeout"), { code: "ETIMEDOUT" })).permanent).toBe(false)
    expect(
      toDeliveryError(Object.assign(new Error("No recipients defined"), { code: "EENVELOPE" })).permanent,
    ).toBe(true)
    expect(
      toDeliveryError(Object.assign(new Error("Quota"), { code: "EMESSAGE", responseCode: 552 })).permanent,
    ).toBe(true)
    expect(toDeliveryError("socket hang up").reason).toBe("socket hang up")
  })
})
