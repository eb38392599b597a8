import type { SendMailOptions } from "nodemailer"
import type { MailMessage } from "../../application/mail/mailer.js"

// As nodemailer names its own Message-IDs: after the sender's domain, so the id is unique to us.
const domainOf = (from: string): string => {
  const address = /<([^>]*)>\s*$/.exec(from)?.[1] ?? from
  const domain = address.includes("@") ? address.slice(address.lastIndexOf("@") + 1).trim() : ""
  return domain === "" ? "localhost" : domain
}

/** Our message in nodemailer's terms, the sender defaulting to the configured MAIL_FROM. */
export const toNodemailerMessage = (message: MailMessage, defaultFrom: string): SendMailOptions => {
  const from = message.from ?? defaultFrom
  return {
    from,
    to: [...message.to],
    subject: message.subject,
    text: message.text,
    ...(message.html === undefined ? {} : { html: message.html }),
    ...(message.id === undefined ? {} : { messageId: `<${message.id}@${domainOf(from)}>` }),
    // RFC 3834: every message we send is automatic, so responders (out-of-office) must not answer it.
    headers: { ...message.headers, "Auto-Submitted": "auto-generated" },
  }
}

// Reasons end up in logs and outbox rows: one line, bounded, never the message's content.
export const oneLine = (text: string): string => {
  const line = text.split(/\r?\n/, 1)[0]?.replace(/\s+/g, " ").trim() ?? ""
  return line.length > 300 ? `${line.slice(0, 297)}...` : line
}

export const reasonOf = (cause: unknown): string =>
  oneLine(cause instanceof Error ? cause.message : String(cause))
