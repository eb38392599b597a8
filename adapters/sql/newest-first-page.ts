import { Effect, Either } from "effect"
import { type SelectQueryBuilder, sql } from "kysely"
import {
  type CountedPage,
  InvalidCursor,
  type PageRequest,
  pageOfRead,
} from "../../application/platform/page.js"
import type { AnyTables } from "./schema.js"
import { sqlEffect } from "./sql-effect.js"

// biome-ignore lint/suspicious/noExplicitAny: the list's tables and aliases are the caller's, unknown here
type Rows = SelectQueryBuilder<AnyTables, any, {}>

/**
 * A list newest first by a column (a time that never changes once written), its ties broken by a
 * unique id column, so every item has exactly one place and a cursor one meaning.
 */
export interface NewestFirstList<Row> {
  /** The list's rows, filtered, before any column is selected (the count needs none of them). */
  readonly rows: () => Rows
  // biome-ignore lint/suspicious/noExplicitAny: as above
  readonly columns: (rows: Rows) => SelectQueryBuilder<AnyTables, any, Row>
  readonly sortedBy: string
  readonly id: string
  readonly idOf: (row: Row) => string
}

/**
 * One page by keyset: the cursor (the last item's id, as in every list) is looked up in the list
 * for its sort key, and the page is the rows after that (sort key, id) pair, read one beyond the
 * limit. A cursor that names no item of this list, filter included, is InvalidCursor. The count is
 * a separate read, not a snapshot with the page: an item added meanwhile may be in one and not
 * the other, which a count shown to a person can bear.
 */
export const newestFirstPage = <Row>(
  operation: string,
  list: NewestFirstList<Row>,
  request: PageRequest,
): Effect.Effect<CountedPage<Row>, InvalidCursor> =>
  Effect.flatten(
    sqlEffect(operation, async (): Promise<Either.Either<CountedPage<Row>, InvalidCursor>> => {
      const position = sql`(${sql.ref(list.sortedBy)}, ${sql.ref(list.id)})`
      let cursor: ReturnType<typeof sql> | undefined
      if (request.after !== undefined) {
        const found = await list
          .rows()
          .where(sql<boolean>`${sql.ref(list.id)} = ${request.after}`)
          .select(sql<string>`${sql.ref(list.sortedBy)}`.as("sort_key"))
          .executeTakeFirst()
        if (found === undefined) return Either.left(new InvalidCursor())
        cursor = sql`(${found.sort_key}, ${request.after})`
      }
      const rows =
        cursor === undefined ? list.rows() : list.rows().where(sql<boolean>`${position} < ${cursor}`)
      const read = await list
        .columns(rows)
        .orderBy(sql.ref(list.sortedBy), "desc")
        .orderBy(sql.ref(list.id), "desc")
        .limit(request.limit + 1)
        .execute()
      const counted = await list
        .rows()
        .select([
          sql<number>`count(*)`.as("total"),
          (cursor === undefined
            ? sql<number>`0`
            : sql<number>`count(case when ${position} >= ${cursor} then 1 end)`
          ).as("before"),
        ])
        .executeTakeFirstOrThrow()
      return Either.right({
        ...pageOfRead(read, request.limit, list.idOf),
        total: Number(counted.total),
        before: Number(counted.before),
      })
    }),
  )
