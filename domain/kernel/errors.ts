import { Data } from "effect"

/** The stream moved on since it was read: reload, decide again, append again. */
export class StreamVersionConflict extends Data.TaggedError("StreamVersionConflict")<{
  readonly streamId: string
  readonly expected: string
  readonly actual: number
}> {
  override get message() {
    return `stream ${this.streamId} is at version ${this.actual}, expected ${this.expected}`
  }
}

/** A stored event whose type or schema version no codec knows, or whose data does not decode. */
export class EventDecodeError extends Data.TaggedError("EventDecodeError")<{
  readonly type: string
  readonly schemaVersion: number
  readonly reason: string
}> {
  override get message() {
    return `cannot decode event ${this.type} v${this.schemaVersion}: ${this.reason}`
  }
}

/** An idempotency key used again for a different request. */
export class IdempotencyKeyReused extends Data.TaggedError("IdempotencyKeyReused")<{
  readonly key: string
}> {
  override get message() {
    return `idempotency key ${this.key} was already used for a different request`
  }
}
