import { Schema } from "effect"
import { defaultPageLimit, maxPageLimit, type PageRequest } from "../../../application/platform/page.js"

/** `?limit=&after=` on every list. */
export const PageQuery = Schema.Struct({
  limit: Schema.optionalWith(
    Schema.NumberFromString.pipe(Schema.int(), Schema.between(1, maxPageLimit)).annotations({
      description: `How many items, 1 to ${maxPageLimit}; ${defaultPageLimit} when left out`,
    }),
    { exact: true },
  ),
  after: Schema.optionalWith(
    Schema.String.pipe(Schema.minLength(1), Schema.maxLength(200)).annotations({
      description: "The `next` of the previous page: the list resumes after that item",
    }),
    { exact: true },
  ),
})

export const pageRequestOf = (query: typeof PageQuery.Type): PageRequest => ({
  limit: query.limit ?? defaultPageLimit,
  after: query.after,
})

/** What every list answers besides its items. */
export const pageFields = {
  hasMore: Schema.Boolean.annotations({ description: "Whether more items follow this page" }),
  next: Schema.NullOr(Schema.String).annotations({
    description: "Send as `after` to fetch the next page; null on the last page",
  }),
}
