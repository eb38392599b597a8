import { Data, Either } from "effect"

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

export const defaultPageLimit = 50
export const maxPageLimit = 100

/** The `after` cursor names no item of the list (it was removed, or it is from another list). */
export class InvalidCursor extends Data.TaggedError("InvalidCursor")<{}> {}

/**
 * The page of `items` (in their stable order) that `request` asks for. The cursor is the last
 * item's id, which survives items being added at the end; lists here are per account or the
 * catalogue, small enough to read whole, so no query pages them in the database.
 */
export const pageOf = <A>(
  items: ReadonlyArray<A>,
  idOf: (item: A) => string,
  request: PageRequest,
): Either.Either<Page<A>, InvalidCursor> => {
  const start = request.after === undefined ? 0 : items.findIndex((item) => idOf(item) === request.after) + 1
  if (start === 0 && request.after !== undefined) return Either.left(new InvalidCursor())
  const shown = items.slice(start, start + request.limit)
  const hasMore = start + shown.length < items.length
  const last = shown.at(-1)
  return Either.right({ items: shown, hasMore, next: hasMore && last !== undefined ? idOf(last) : null })
}
