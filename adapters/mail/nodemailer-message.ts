import type { SendMailOptions } from "nodemailer"
import type { MailMessage } from "../../application/mail/mailer.js"

/** Our message in nodemailer's terms, the sender defaulting to the configured MAIL_FROM. */
export const toNodemailerMessage = (message: MailMessage, defaultFrom: string): SendMailOptions => ({
  from: message.from ?? defaultFrom,
  to: [...message.to],
  subject: message.subject,
  text: message.text,
  ...(message.html === undefined ? {} : { html: message.html }),
  headers: { ...message.headers },
})

// Reasons end up in logs and outbox rows: one line, bounded, never the message's content.
export const oneLine = (text: string): string => {
  const line = text.split(/\r?\n/, 1)[0]?.replace(/\s+/g, " ").trim() ?? ""
  return line.length > 300 ? `${line.slice(0, 297)}...` : line
}

export const reasonOf = (cause: unknown): string =>
  oneLine(cause instanceof Error ? cause.message : String(cause))
