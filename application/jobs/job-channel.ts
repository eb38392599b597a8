import { Either, ParseResult, Schema } from "effect"
import type { Instant, Json } from "../../domain/kernel/index.js"
import type { OutboxMessage } from "../event-log/event-store.js"

/** A kind of job: its name in the queue and the schema its payload is written and read with. */
export interface JobChannel<P> {
  readonly name: string
  // biome-ignore lint/suspicious/noExplicitAny: the encoded side is whatever JSON the schema chooses
  readonly payload: Schema.Schema<P, any>
}

export const defineJobChannel = <P, I>(name: string, payload: Schema.Schema<P, I>): JobChannel<P> => ({
  name,
  payload,
})

/**
 * The job as it is written with the events that ask for it. A payload its own channel would not
 * read back is a bug in the caller, so it fails loudly here rather than as a dead job later.
 */
export const enqueue = <P>(
  channel: JobChannel<P>,
  payload: P,
  options: { readonly dueAt?: Instant } = {},
): OutboxMessage => ({
  channel: channel.name,
  payload: Schema.encodeSync(channel.payload)(payload) as Json,
  ...(options.dueAt === undefined ? {} : { dueAt: options.dueAt }),
})

/** The payload read back with its channel's schema; a reason when it does not fit. */
export const readPayload = <P>(channel: JobChannel<P>, payload: Json): Either.Either<P, string> =>
  Either.mapLeft(
    Schema.decodeUnknownEither(channel.payload)(payload),
    // Paths only: a parse message quotes the values it saw, and a payload may hold anything.
    (error) =>
      `payload does not fit channel ${channel.name} at ${ParseResult.ArrayFormatter.formatErrorSync(error)
        .map((issue) => (issue.path.length === 0 ? "(root)" : issue.path.join(".")))
        .join(", ")}`,
  )
