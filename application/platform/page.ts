import { Data, Either, Schema } from "effect"

/** Where a list resumes: after the item with this id, at most `limit` items. */
export interface PageRequest {
  readonly limit: number
  readonly after?: string | undefined
}

/** One shape for every list: the items, whether more follow, and the cursor that fetches them. */
export interface Page<A> {
  readonly items: ReadonlyArray<A>
  readonly hasMore: boolean
  /** The `after` of the next page; null on the last one. */
  readonly next: string | null
}

/** A page of a list the database counts: how many items the whole list holds, and how many precede this page. */
export interface CountedPage<A> extends Page<A> {
  readonly total: number
  readonly before: number
}

export const defaultPageLimit = 50
export const maxPageLimit = 100

/** A page size as typed (a query parameter, a command-line option): a whole number from 1 to `max`. */
export const PageLimitFromString = (max: number) =>
  Schema.NumberFromString.pipe(Schema.int(), Schema.between(1, max))

/** An `after` cursor as sent back: the `next` of the previous page. */
export const PageCursor = Schema.String.pipe(Schema.minLength(1), Schema.maxLength(200))

/** The `after` cursor names no item of the list (it was removed, or it is from another list). */
export class InvalidCursor extends Data.TaggedError("InvalidCursor")<{}> {}

/**
 * The page made of the items that follow the cursor, read one beyond the limit: that one only
 * tells whether more follow, so no second read is needed to know it.
 */
export const pageOfRead = <A>(read: ReadonlyArray<A>, limit: number, idOf: (item: A) => string): Page<A> => {
  const items = read.slice(0, limit)
  const hasMore = read.length > limit
  const last = items.at(-1)
  return { items, hasMore, next: hasMore && last !== undefined ? idOf(last) : null }
}

/**
 * The page of `items` (in their stable order) that `request` asks for. The cursor is the last
 * item's id, which survives items being added at the end. This cuts lists small enough to read
 * whole (an account's licences, the catalogue); support's lists of every account and licence are
 * cut in the database, on the same cursor (adapters/sql/newest-first-page.ts).
 */
export const pageOf = <A>(
  items: ReadonlyArray<A>,
  idOf: (item: A) => string,
  request: PageRequest,
): Either.Either<Page<A>, InvalidCursor> => {
  const start = request.after === undefined ? 0 : items.findIndex((item) => idOf(item) === request.after) + 1
  if (start === 0 && request.after !== undefined) return Either.left(new InvalidCursor())
  return Either.right(pageOfRead(items.slice(start, start + request.limit + 1), request.limit, idOf))
}
