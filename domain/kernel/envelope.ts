import { Schema } from "effect"
import { EventMetadata } from "./metadata.js"

/** JSON as stored: what an event schema encodes to. */
export type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }

/** An event on its way into the log, already encoded by its schema. */
export interface NewEvent {
  readonly type: string
  readonly schemaVersion: number
  readonly data: Json
}

/** One row of the event log, as every reader sees it. */
export const RecordedEvent = Schema.Struct({
  position: Schema.Number,
  streamId: Schema.String,
  streamVersion: Schema.Number,
  eventId: Schema.String,
  type: Schema.String,
  schemaVersion: Schema.Number,
  /** null once the data has been erased; the digest still proves what was there. */
  data: Schema.NullOr(Schema.Unknown),
  metadata: EventMetadata,
  recordedAt: Schema.DateFromSelf,
  dataDigest: Schema.String,
  prevHash: Schema.String,
  hash: Schema.String,
  erased: Schema.Boolean,
})
export type RecordedEvent = typeof RecordedEvent.Type

/** The version a stream must be at for an append to succeed. */
export type ExpectedVersion =
  | { readonly _tag: "NoStream" }
  | { readonly _tag: "Exact"; readonly version: number }
  | { readonly _tag: "Any" }

export const ExpectedVersion = {
  noStream: { _tag: "NoStream" } as ExpectedVersion,
  any: { _tag: "Any" } as ExpectedVersion,
  exact: (version: number): ExpectedVersion => ({ _tag: "Exact", version }),
  /** A stream loaded at version 0 has never been written, so "exactly 0" means "no stream". */
  after: (version: number): ExpectedVersion =>
    version === 0 ? ExpectedVersion.noStream : ExpectedVersion.exact(version),
}

export const describeExpectedVersion = (expected: ExpectedVersion): string => {
  switch (expected._tag) {
    case "NoStream":
      return "no stream"
    case "Exact":
      return `version ${expected.version}`
    case "Any":
      return "any version"
  }
}
