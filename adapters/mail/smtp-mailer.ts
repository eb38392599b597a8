import { Effect, Layer } from "effect"
import { createTransport, type NodemailerError } from "nodemailer"
import {
  type MailDelivery,
  MailDeliveryError,
  Mailer,
  type MailMessage,
} from "../../application/mail/mailer.js"
import { oneLine, toNodemailerMessage } from "./nodemailer-message.js"

export interface SmtpMailerOptions {
  /** `smtp://user:pass@host:587` or `smtps://…`; query options such as `?pool=true` are passed to nodemailer. */
  readonly url: string
  readonly from: string
}

/**
 * A 5xx reply means the server refused for good; nodemailer also reports "all recipients were rejected"
 * with the most hopeful reply it got, so a 4xx among them keeps the message retryable. No reply at all
 * (refused connection, timeout, dropped socket) is always worth retrying.
 */
export const toDeliveryError = (cause: unknown): MailDeliveryError => {
  const error: Partial<NodemailerError> = typeof cause === "object" && cause !== null ? cause : {}
  const message = typeof error.message === "string" ? error.message : String(cause)
  const permanent =
    typeof error.responseCode === "number" ? error.responseCode >= 500 : error.code === "EENVELOPE"
  const code = typeof error.code === "string" ? `${error.code}: ` : ""
  return new MailDeliveryError({ reason: oneLine(code + message), permanent })
}

export const SmtpMailerLive = (options: SmtpMailerOptions): Layer.Layer<Mailer> =>
  Layer.scoped(
    Mailer,
    Effect.gen(function* () {
      const transport = yield* Effect.acquireRelease(
        Effect.sync(() => createTransport(options.url)),
        (transport) => Effect.sync(() => transport.close()),
      )
      const send = (message: MailMessage): Effect.Effect<MailDelivery, MailDeliveryError> =>
        Effect.tryPromise({
          try: (signal) => transport.sendMail({ ...toNodemailerMessage(message, options.from), signal }),
          catch: toDeliveryError,
        }).pipe(Effect.map((info) => ({ messageId: info.messageId, response: oneLine(info.response) })))
      return { transport: "smtp", send }
    }),
  )
