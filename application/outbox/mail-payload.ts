import { Schema } from "effect"

/** An e-mail as it waits in the outbox: checked when it leaves, as at any boundary. */
export const MailPayload = Schema.Struct({
  to: Schema.NonEmptyArray(Schema.String),
  subject: Schema.String,
  text: Schema.String,
  html: Schema.optionalWith(Schema.String, { exact: true }),
  from: Schema.optionalWith(Schema.String, { exact: true }),
  headers: Schema.optionalWith(Schema.Record({ key: Schema.String, value: Schema.String }), { exact: true }),
})
export type MailPayload = typeof MailPayload.Type
