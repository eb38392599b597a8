import { Effect, Either, Schema } from "effect"
import { plusMillis } from "../../domain/kernel/index.js"
import type { OutboxMessage } from "../event-log/event-store.js"
import { defineJobChannel, enqueue } from "../jobs/job-channel.js"
import {
  dead,
  done,
  handleChannel,
  type JobOutcome,
  leavePending,
  retryLater,
  waitFor,
} from "../jobs/job-handler.js"
import { now } from "../platform/now.js"
import { SecretBox } from "../platform/secret-box.js"
import { describeTransport, MailTransportName } from "./mail-transport.js"
import { Mailer, type MailerApi, type MailMessage } from "./mailer.js"

// Jobs written before the transport was recorded have none: any transport may deliver them.
const transport = Schema.optionalWith(MailTransportName, { exact: true })

/** An e-mail as it waits in the queue: checked when it is written and when it leaves, as at any boundary. */
export const MailPayload = Schema.Struct({
  to: Schema.NonEmptyArray(Schema.String),
  subject: Schema.String,
  text: Schema.String,
  html: Schema.optionalWith(Schema.String, { exact: true }),
  from: Schema.optionalWith(Schema.String, { exact: true }),
  headers: Schema.optionalWith(Schema.Record({ key: Schema.String, value: Schema.String }), { exact: true }),
  transport,
})
export type MailPayload = typeof MailPayload.Type

/** Mail that carries a secret (a reset link) waits sealed under the server key, opened only on its way out. */
export const SealedMail = Schema.Struct({ sealed: Schema.String, transport })

export const mailChannel = defineJobChannel("mail", Schema.Union(MailPayload, SealedMail))

/** Context a sealed mail is bound to: it opens nowhere but in the mail channel. */
export const mailSealContext = "outbox-mail"

/**
 * A mail job to be delivered by `transport` only (the writer's `MailTransport`), recorded outside the
 * seal so that a process can tell without the key.
 */
export const mailJob = (
  transport: MailTransportName,
  payload: MailPayload | typeof SealedMail.Type,
): OutboxMessage => enqueue(mailChannel, { ...payload, transport })

// A process without the server key cannot open sealed mail; one that has it will, so the job waits.
const keyMissingDelay = 60 * 60 * 1000

// Left: what to answer instead of sending (wait for a process with the key, or give up on bad data).
const open = (payload: typeof mailChannel.payload.Type) =>
  Effect.gen(function* () {
    if (!("sealed" in payload)) return Either.right(payload)
    const box = yield* Effect.serviceOption(SecretBox)
    const later = plusMillis(yield* now, keyMissingDelay)
    if (box._tag === "None") return Either.left(waitFor("sealed mail: this process has no server key", later))
    const opened = yield* Effect.either(box.value.open(payload.sealed, mailSealContext))
    if (Either.isLeft(opened))
      return Either.left(waitFor("sealed mail does not open under this server key", later))
    return Either.mapLeft(Schema.decodeUnknownEither(Schema.parseJson(MailPayload))(opened.right), () =>
      dead("sealed mail is not a valid e-mail"),
    )
  })

/** Mail queued for another transport is left pending for a process that delivers by it. */
export const queuedElsewhere = (queuedFor: MailTransportName | undefined, mailer: MailerApi) =>
  queuedFor !== undefined && queuedFor !== mailer.transport
    ? leavePending(
        `mail queued for ${describeTransport(queuedFor)}; this process delivers to ${describeTransport(mailer.transport)}`,
      )
    : undefined

/** One attempt to send a job's mail: a refusal for good is dead at once, any other failure is tried again later. */
export const sendForJob = (mailer: MailerApi, message: MailMessage, jobId: string) =>
  Effect.map(
    // The job's id was given in the append that wrote it and is the same on every attempt.
    Effect.either(mailer.send({ ...message, id: jobId })),
    (sent): JobOutcome =>
      Either.isRight(sent)
        ? done(sent.right.response)
        : sent.left.permanent
          ? dead(sent.left.reason)
          : retryLater(sent.left.reason),
  )

/** Sends each mail job, opened first when it waits sealed. */
export const mailJobHandler = handleChannel(mailChannel, (payload, job) =>
  Effect.gen(function* () {
    const mailer = yield* Mailer
    const elsewhere = queuedElsewhere(payload.transport, mailer)
    if (elsewhere) return elsewhere
    const opened = yield* open(payload)
    if (Either.isLeft(opened)) return opened.left
    const { transport: _, ...message } = opened.right
    return yield* sendForJob(mailer, message, job.id)
  }),
)
