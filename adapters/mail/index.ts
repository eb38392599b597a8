export { listMail, type MailContent, MailNotFound, type MailSummary, showMail } from "./file-mailbox.js"
export { FileMailerLive, type FileMailerOptions } from "./file-mailer.js"
export { SmtpMailerLive, type SmtpMailerOptions, toDeliveryError } from "./smtp-mailer.js"
