import { Either, ParseResult, Schema } from "effect"
import type { Json, NewEvent } from "./envelope.js"
import { EventDecodeError } from "./errors.js"

/** Lifts stored data of version `n` to version `n + 1`. */
export type Upcaster = (data: Json) => Json

export interface EventCodecEntry<A> {
  // biome-ignore lint/suspicious/noExplicitAny: the encoded side is whatever JSON the schema chooses
  readonly schema: Schema.Schema<A, any>
  /** The schema version written today; older stored versions are upcast step by step. Default 1. */
  readonly version?: number
  /** `upcasters[n]` turns version n into n + 1. */
  readonly upcasters?: Readonly<Record<number, Upcaster>>
}

interface AnyEntry {
  readonly schema: Schema.Schema.AnyNoContext
  readonly version?: number
  readonly upcasters?: Readonly<Record<number, Upcaster>>
}

type EntryType<T> = T extends { readonly schema: infer S extends Schema.Schema.AnyNoContext }
  ? Schema.Schema.Type<S>
  : never

/**
 * The codec registry of one event family: event type + schema version → Schema. The event's `_tag`
 * is its type; it lives in the log's `type` column, so it is left out of the stored data.
 */
export interface EventCodec<E extends { readonly _tag: string }> {
  readonly types: ReadonlyArray<E["_tag"]>
  readonly entries: Readonly<Record<string, EventCodecEntry<E>>>
  readonly encode: (event: E) => NewEvent
  readonly decode: (type: string, schemaVersion: number, data: unknown) => Either.Either<E, EventDecodeError>
  readonly knows: (type: string) => boolean
}

/**
 * A codec of some family, for code that holds several (the event registry): it decodes as any codec
 * does, and encodes only what the caller knows to be of its family.
 */
export interface AnyEventCodec {
  readonly types: ReadonlyArray<string>
  readonly entries: Readonly<Record<string, { readonly schema: Schema.Schema.AnyNoContext }>>
  readonly encode: (event: never) => NewEvent
  readonly decode: (
    type: string,
    schemaVersion: number,
    data: unknown,
  ) => Either.Either<{ readonly _tag: string }, EventDecodeError>
  readonly knows: (type: string) => boolean
}

export const makeEventCodec = <const M extends Record<string, AnyEntry>>(
  entries: M,
): EventCodec<EntryType<M[keyof M]> & { readonly _tag: string }> => {
  type E = EntryType<M[keyof M]> & { readonly _tag: string }
  const table = entries as unknown as Readonly<Record<string, EventCodecEntry<E>>>
  const encoders = new Map(
    Object.entries(table).map(([type, entry]) => [type, Schema.encodeSync(entry.schema)]),
  )
  const decoders = new Map(
    Object.entries(table).map(([type, entry]) => [type, Schema.decodeUnknownEither(entry.schema)]),
  )

  // The events this codec encoded, by the data it encoded them to: the read models that take an
  // append's events in the same transaction are handed that very data, and need not decode it again.
  const encoded = new WeakMap<object, E>()

  const encode = (event: E): NewEvent => {
    const encoder = encoders.get(event._tag)
    if (!encoder) throw new Error(`no codec for event type ${event._tag}`)
    const { _tag, ...data } = encoder(event) as { _tag: string } & Record<string, Json>
    encoded.set(data, event)
    return { type: event._tag, schemaVersion: table[event._tag]?.version ?? 1, data }
  }

  const decode = (type: string, schemaVersion: number, data: unknown): Either.Either<E, EventDecodeError> => {
    const entry = table[type]
    const decoder = decoders.get(type)
    if (!entry || !decoder)
      return Either.left(new EventDecodeError({ type, schemaVersion, reason: "unknown type" }))
    const current = entry.version ?? 1
    const known = typeof data === "object" && data !== null ? encoded.get(data) : undefined
    if (
      known !== undefined &&
      (known as { readonly _tag: string })._tag === type &&
      schemaVersion === current
    )
      return Either.right(known)
    if (schemaVersion > current) {
      return Either.left(new EventDecodeError({ type, schemaVersion, reason: `newer than v${current}` }))
    }
    let lifted = data as Json
    for (let version = schemaVersion; version < current; version++) {
      const upcast = entry.upcasters?.[version]
      if (!upcast)
        return Either.left(
          new EventDecodeError({ type, schemaVersion, reason: `no upcaster from v${version}` }),
        )
      lifted = upcast(lifted)
    }
    const tagged = typeof lifted === "object" && lifted !== null ? { ...lifted, _tag: type } : lifted
    return Either.mapLeft(
      decoder(tagged),
      (error) =>
        new EventDecodeError({
          type,
          schemaVersion,
          reason: ParseResult.TreeFormatter.formatErrorSync(error),
        }),
    )
  }

  return {
    types: Object.keys(table) as Array<E["_tag"]>,
    entries: table,
    encode,
    decode,
    knows: (type) => type in table,
  }
}
