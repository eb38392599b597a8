import { Context, Data, type Effect, type Option, type Stream } from "effect"
import type {
  EventMetadata,
  ExpectedVersion,
  IdempotencyKeyReused,
  Instant,
  Json,
  NewEvent,
  RecordedEvent,
  StreamVersionConflict,
} from "../../domain/kernel/index.js"

/**
 * A job to run once the append has committed (an e-mail, a follow-up step), written in the same
 * transaction. Build it with its channel's `enqueue`, which checks the payload against the channel.
 */
export interface OutboxMessage {
  readonly channel: string
  readonly payload: Json
  /** Not before this time; now when left out. */
  readonly dueAt?: Instant
}

/** A job completed in the same transaction as its follow-up command's events. */
export interface JobCompletion {
  readonly id: string
  /** The claim's lease: if another dispatcher has taken the job since, nothing is written. */
  readonly leaseToken: string
  readonly at: Instant
  readonly detail: string
}

/** The job's lease ran out and another dispatcher took it: this one's follow-up was not written. */
export class JobLeaseLost extends Data.TaggedError("JobLeaseLost")<{ readonly jobId: string }> {}

export interface IdempotencyClaim {
  /** Scoped by the caller (actor + client key), so two clients never collide. */
  readonly key: string
  /** The request in canonical form; the store keeps only its digest. Another request under the same key is refused. */
  readonly fingerprint: string
}

export interface AppendOptions {
  readonly expected: ExpectedVersion
  readonly metadata: EventMetadata
  readonly outbox?: ReadonlyArray<OutboxMessage>
  readonly idempotency?: IdempotencyClaim
}

/** One stream's share of an atomic append to several streams. */
export interface StreamWrite {
  readonly streamId: string
  readonly events: ReadonlyArray<NewEvent>
  readonly expected: ExpectedVersion
}

export interface AppendManyOptions {
  readonly metadata: EventMetadata
  readonly outbox?: ReadonlyArray<OutboxMessage>
  /**
   * Records `answer` (the use case's result, JSON) under the key in the same transaction, so a
   * repeat of a change that spans several streams gets that answer back instead of running again.
   */
  readonly idempotency?: IdempotencyClaim & { readonly answer: unknown }
}

export interface AppendResult {
  readonly streamId: string
  /** The stream's version after the append (unchanged when there was nothing to append). */
  readonly nextVersion: number
  /** Global positions of the appended events, in order. */
  readonly positions: ReadonlyArray<number>
  /** True when an earlier append with the same idempotency key answered. */
  readonly replayed: boolean
  /** The use case's answer an append to several streams recorded with its idempotency key. */
  readonly answer?: unknown
}

export interface EraseOptions {
  /** Stream versions to erase; all of the stream's events when left out. */
  readonly versions?: ReadonlyArray<number>
  readonly reason: string
  readonly metadata: EventMetadata
}

export interface EraseResult {
  readonly erasedPositions: ReadonlyArray<number>
  /** Position of the `EventDataErased` event that records the erasure. */
  readonly recordPosition: number
}

export interface LogHead {
  readonly position: number
  readonly hash: string
}

/** The one way into and out of the event log. Storage failures are defects, not typed errors. */
export interface EventStoreApi {
  /** Appends atomically, with projections and outbox rows in the same transaction. */
  readonly append: (
    streamId: string,
    events: ReadonlyArray<NewEvent>,
    options: AppendOptions,
  ) => Effect.Effect<AppendResult, StreamVersionConflict | IdempotencyKeyReused>
  /**
   * Appends to several streams at once: every stream's expected version holds and all events are
   * written, or none are (a registration creates an account, claims its login ID and takes a key).
   */
  readonly appendMany: (
    writes: ReadonlyArray<StreamWrite>,
    options: AppendManyOptions,
  ) => Effect.Effect<ReadonlyArray<AppendResult>, StreamVersionConflict | IdempotencyKeyReused>
  /**
   * Appends a job's follow-up events and marks the job done, atomically: a crash or a lost lease
   * leaves neither, so a follow-up is never lost and never written twice.
   */
  readonly appendFollowUp: (
    streamId: string,
    events: ReadonlyArray<NewEvent>,
    options: AppendOptions & { readonly completes: JobCompletion },
  ) => Effect.Effect<AppendResult, StreamVersionConflict | JobLeaseLost>
  /** A stream's events in version order, from `fromVersion` (1-based, inclusive). */
  readonly readStream: (
    streamId: string,
    options?: { readonly fromVersion?: number },
  ) => Effect.Effect<ReadonlyArray<RecordedEvent>>
  /**
   * Several whole streams at once (a batch job's page of aggregates): each id maps to its events in
   * version order, none for a stream never written.
   */
  readonly readStreams: (
    streamIds: ReadonlyArray<string>,
  ) => Effect.Effect<ReadonlyMap<string, ReadonlyArray<RecordedEvent>>>
  /** Every event after `after` in position order, fetched in batches. */
  readonly readAll: (options?: {
    readonly after?: number
    readonly batchSize?: number
  }) => Stream.Stream<RecordedEvent>
  /** 0 for a stream that has never been written. */
  readonly streamVersion: (streamId: string) => Effect.Effect<number>
  readonly head: Effect.Effect<LogHead>
  /** The result recorded under an idempotency key, if the key was used; refused if for another request. */
  readonly idempotentResult: (
    claim: IdempotencyClaim,
  ) => Effect.Effect<Option.Option<AppendResult>, IdempotencyKeyReused>
  /** Replaces event data by a tombstone, keeping the digest, and records that as an event. */
  readonly erase: (streamId: string, options: EraseOptions) => Effect.Effect<EraseResult>
  /**
   * After a sweep of erasures: what the store can do so that its own files no longer hold the
   * erased data (SQLite checkpoints its WAL and truncates it). A store's backups and a server's
   * own logs are the operator's (docs/operator-guide.md).
   */
  readonly settleErasures: Effect.Effect<void>
}

export class EventStore extends Context.Tag("application/EventStore")<EventStore, EventStoreApi>() {}

/** The stream that records erasures, so the record outlives what it erased. */
export const erasureStreamId = "$erasures"
export const erasureEventType = "EventDataErased"
