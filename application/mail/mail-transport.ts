import { Context, Schema } from "effect"

/** How a process sends mail: over SMTP, or into the file outbox when no SMTP server is configured. */
export const MailTransportName = Schema.Literal("smtp", "file")
export type MailTransportName = typeof MailTransportName.Type

/**
 * The transport of this process, recorded on each mail job it writes: a job is delivered only by
 * that transport, so a shell without the server's SMTP settings cannot "deliver" customers' mail
 * into its own file outbox.
 */
export class MailTransport extends Context.Tag("application/MailTransport")<
  MailTransport,
  MailTransportName
>() {}

export const describeTransport = (transport: MailTransportName): string =>
  transport === "smtp" ? "SMTP" : "the file outbox"
