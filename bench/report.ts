export interface ResultRow {
  readonly benchmark: string
  readonly dialect: string
  readonly store: number
  readonly baseline: number
  /** The share of the baseline the store must reach. */
  readonly target: number
  /** The store with the hash chain on; informative, not held to the target. */
  readonly chained?: number
  /** The store's own SQL on its own tables, run by the bare driver: what the schema and disk allow. */
  readonly storeSql?: number
}

const rate = (perSecond: number) => Math.round(perSecond).toLocaleString("en-US")
const percent = (ratio: number) => `${(ratio * 100).toFixed(0)} %`
const optional = (value: number | undefined, show: (value: number) => string) =>
  value === undefined ? "-" : show(value)

export const passes = (row: ResultRow) => row.store / row.baseline >= row.target

/** A Markdown table (text columns left, figures right), so output pastes into the docs as it is. */
export const markdown = (
  header: ReadonlyArray<string>,
  body: ReadonlyArray<ReadonlyArray<string>>,
  textColumns = 2,
) => {
  const widths = header.map((c, i) => Math.max(c.length, ...body.map((r) => r[i]?.length ?? 0)))
  const line = (values: ReadonlyArray<string>) =>
    `| ${values.map((v, i) => (i < textColumns ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join(" | ")} |`
  const rule = `|${widths.map((w, i) => `-${"-".repeat(w)}${i < textColumns ? "-" : ":"}`).join("|")}|`
  return [line(header), rule, ...body.map(line)].join("\n")
}

export const formatResults = (rows: ReadonlyArray<ResultRow>): string =>
  markdown(
    [
      "benchmark",
      "dialect",
      "store ev/s",
      "baseline ev/s",
      "ratio",
      "target",
      "result",
      "chain on ev/s",
      "chain on / off",
    ],
    rows.map((row) => [
      row.benchmark,
      row.dialect,
      rate(row.store),
      rate(row.baseline),
      percent(row.store / row.baseline),
      `≥ ${percent(row.target)}`,
      passes(row) ? "pass" : "FAIL",
      optional(row.chained, rate),
      optional(row.chained, (chained) => percent(chained / row.store)),
    ]),
  )

/** Splits the gap: what the store's tables cost against the baseline's, and what its code costs on top. */
export const formatBreakdown = (rows: ReadonlyArray<ResultRow>): string =>
  markdown(
    [
      "benchmark",
      "dialect",
      "baseline ev/s",
      "store SQL, bare driver ev/s",
      "of baseline",
      "store of store SQL",
    ],
    rows.map((row) => [
      row.benchmark,
      row.dialect,
      rate(row.baseline),
      optional(row.storeSql, rate),
      optional(row.storeSql, (sql) => percent(sql / row.baseline)),
      optional(row.storeSql, (sql) => percent(row.store / sql)),
    ]),
  )
