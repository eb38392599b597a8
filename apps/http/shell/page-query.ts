import { Schema } from "effect"
import {
  defaultPageLimit,
  maxPageLimit,
  PageCursor,
  PageLimitFromString,
  type PageRequest,
} from "../../../application/platform/page.js"

/** `?limit=&after=` on every list. */
export const PageQuery = Schema.Struct({
  limit: Schema.optionalWith(
    PageLimitFromString(maxPageLimit).annotations({
      description: `How many items, 1 to ${maxPageLimit}; ${defaultPageLimit} when left out`,
    }),
    { exact: true },
  ),
  after: Schema.optionalWith(
    PageCursor.annotations({
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
