import { Options } from "@effect/cli"
import { Effect, Option, Schema } from "effect"
import {
  type CountedPage,
  defaultPageLimit,
  PageCursor,
  PageLimitFromString,
  type PageRequest,
} from "../../application/platform/page.js"
import { type CliFailure, usageError } from "./cli-failure.js"

// The support lists page as the API's lists do: `--after` takes the `next` cursor a page printed,
// `--limit` the page size. An operator may ask for longer pages than a client of the API (100):
// these lists are read by scripts on the operator's side, not by the public.
export const maxListLimit = 1000

const PageLimit = PageLimitFromString(maxListLimit)

/** `--limit N` and `--after CURSOR`, read as text so a bad value gets our one-line message. */
export const pageOptions = (what: string) => ({
  limit: Options.text("limit").pipe(
    Options.withAlias("n"),
    Options.withPseudoName("N"),
    Options.optional,
    Options.withDescription(
      `at most this many ${what} a page (1 to ${maxListLimit}; ${defaultPageLimit} if left out)`,
    ),
  ),
  after: Options.text("after").pipe(
    Options.withPseudoName("CURSOR"),
    Options.optional,
    Options.withDescription("the page that follows: the cursor the previous page printed as next"),
  ),
})

/** The page the options ask for; a bad value is bad usage (exit 2), one line. */
export const pageRequestOf = (options: {
  readonly limit: Option.Option<string>
  readonly after: Option.Option<string>
}): Effect.Effect<PageRequest, CliFailure> =>
  Effect.gen(function* () {
    const limit = yield* Option.match(options.limit, {
      onNone: () => Effect.succeed(defaultPageLimit),
      onSome: (text) =>
        Schema.decodeUnknown(PageLimit)(text).pipe(
          Effect.mapError(() => usageError(`--limit must be a whole number from 1 to ${maxListLimit}`)),
        ),
    })
    const after = yield* Option.match(options.after, {
      onNone: () => Effect.succeed(undefined),
      onSome: (text) =>
        Schema.decodeUnknown(PageCursor)(text).pipe(
          Effect.mapError(() => usageError("--after must be the cursor a previous page printed as next")),
        ),
    })
    return { limit, after }
  })

/**
 * A cursor that names no item of this list (another list's, or one from before a different
 * `--search`): bad usage, said without echoing the text, which could be anything.
 */
export const unknownCursor = (what: string) =>
  usageError(`--after names no ${what} of this list: leave it out to start from the first page`)

/** `{ <plural>: [...], total, hasMore, next }`: the API's list envelope, plus the count. */
export const pageJson = <A>(name: string, page: CountedPage<A>) => ({
  [name]: page.items,
  total: page.total,
  hasMore: page.hasMore,
  next: page.next,
})

/** Where this page stands in the list, and how to ask for the next one. */
export const pageSummary = (what: string, page: CountedPage<unknown>) => {
  if (page.items.length === 0) {
    return page.total === 0 ? `no ${what}` : `no more ${what} after this cursor (${page.total} in all)`
  }
  const shown = `showing ${page.before + 1}-${page.before + page.items.length} of ${page.total}`
  return page.next === null ? shown : `${shown}; next: --after ${page.next}`
}

/** A list page for a person: its table, then where it stands; only the summary when it is empty. */
export const pageText = <A>(
  what: string,
  page: CountedPage<A>,
  table: (items: ReadonlyArray<A>) => string,
) => (page.items.length === 0 ? pageSummary(what, page) : `${table(page.items)}\n${pageSummary(what, page)}`)
