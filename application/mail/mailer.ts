import { Context, Data, type Effect } from "effect"
import type { MailTransportName } from "./mail-transport.js"

export interface MailMessage {
  readonly to: ReadonlyArray<string>
  readonly subject: string
  readonly text: string
  readonly html?: string
  /** Defaults to the configured MAIL_FROM. */
  readonly from?: string
  readonly headers?: Readonly<Record<string, string>>
  /**
   * The same on every attempt to send this message (its job's id): the Message-ID is made of it, so a
   * server that took an earlier attempt whose reply was lost recognises the resend as the same mail.
   */
  readonly id?: string
}

export interface MailDelivery {
  readonly messageId: string
  /** Where the message went: the SMTP server's answer, or the file written. */
  readonly response: string
}

/** A delivery that failed; `permanent` when retrying cannot help (an address refused for good). */
export class MailDeliveryError extends Data.TaggedError("MailDeliveryError")<{
  readonly reason: string
  readonly permanent: boolean
}> {}

/** Sends one e-mail. Only the outbox dispatcher calls it: commands never send mail themselves. */
export interface MailerApi {
  /** What `send` delivers by: the mail handler sends only the jobs queued for it. */
  readonly transport: MailTransportName
  readonly send: (message: MailMessage) => Effect.Effect<MailDelivery, MailDeliveryError>
}

export class Mailer extends Context.Tag("application/Mailer")<Mailer, MailerApi>() {}
