import { type Dialect, type FreshDatabase, freshDatabase, postgresReachable } from "./databases.js"
import { openPostgresBaseline } from "./event-store/postgres-baseline.js"
import { openSqliteBaseline } from "./event-store/sqlite-baseline.js"
import { openStoreSqlSubject, openStoreSubject } from "./event-store/store-subject.js"
import type { Subject } from "./event-store/subject.js"
import { type Measurement, measureInterleaved } from "./measure.js"
import type { ResultRow } from "./report.js"

export interface BenchOptions {
  readonly quick: boolean
  readonly log: (line: string) => void
}

type Variant = "baseline" | "storeSql" | "store" | "chained"

interface Scenario {
  readonly name: string
  /** Writes what the measured steps read; appends start from an empty log. */
  readonly fill?: (subject: Subject, quick: boolean) => Promise<void>
  /** One step of the measured loop, bound to its own counters; answers the events it handled. */
  readonly step: (subject: Subject) => () => Promise<number>
  readonly warmupSteps: number
}

const streamCount = 1000
const readStreams = 100
const readStreamLength = 100

/** Round-robin over many streams, each append at the version the last one left. */
const appendSteps = (perAppend: number) => (subject: Subject) => {
  const versions = new Array<number>(streamCount).fill(0)
  let next = 0
  return async () => {
    const s = next++ % streamCount
    const version = versions[s]!
    await subject.append(`stream-${s}`, version, perAppend)
    versions[s] = version + perAppend
    return perAppend
  }
}

const fillStreams = async (subject: Subject, streams: number, length: number) => {
  for (let s = 0; s < streams; s++) await subject.append(`stream-${s}`, 0, length)
}

const scenarios: ReadonlyArray<Scenario> = [
  { name: "append, 1 event", step: appendSteps(1), warmupSteps: 200 },
  { name: "append, batch of 10", step: appendSteps(10), warmupSteps: 100 },
  {
    name: "read one 100-event stream",
    fill: (subject) => fillStreams(subject, readStreams, readStreamLength),
    step: (subject) => {
      let next = 0
      return () => subject.readStream(`stream-${next++ % readStreams}`)
    },
    warmupSteps: 200,
  },
  {
    name: "replay whole log",
    fill: (subject, quick) => fillStreams(subject, quick ? 200 : 1000, 100),
    step: (subject) => () => subject.replay(),
    warmupSteps: 1,
  },
]

const open = (database: FreshDatabase, variant: Variant): Promise<Subject> => {
  switch (variant) {
    case "baseline":
      return database.dialect === "sqlite"
        ? openSqliteBaseline(database.file)
        : openPostgresBaseline(database.url, database.schema)
    case "storeSql":
      return openStoreSqlSubject(database)
    case "store":
    case "chained":
      return openStoreSubject(database, variant === "chained")
  }
}

const variants: ReadonlyArray<Variant> = ["baseline", "storeSql", "store", "chained"]

/** Each contender on a fresh database of its own, filled, then measured in turns (see measure.ts). */
const measureScenario = async (
  scenario: Scenario,
  dialect: Dialect,
  options: BenchOptions,
): Promise<Record<Variant, Measurement>> => {
  const databases = variants.map(() => freshDatabase(dialect))
  const subjects: Array<Subject> = []
  try {
    for (const [i, variant] of variants.entries()) subjects.push(await open(databases[i]!, variant))
    for (const subject of subjects) await scenario.fill?.(subject, options.quick)
    const [baseline, storeSql, store, chained] = await measureInterleaved(
      subjects.map((subject) => scenario.step(subject)),
      {
        warmupSteps: options.quick ? Math.ceil(scenario.warmupSteps / 4) : scenario.warmupSteps,
        minSeconds: options.quick ? 0.6 : 3,
        sliceSeconds: options.quick ? 0.1 : 0.25,
      },
    )
    const results = { baseline: baseline!, storeSql: storeSql!, store: store!, chained: chained! }
    for (const variant of variants) {
      const { events, seconds, perSecond } = results[variant]
      options.log(
        `  ${scenario.name} / ${dialect} / ${variant}: ${Math.round(perSecond)} ev/s (${events} events in ${seconds.toFixed(2)} s)`,
      )
    }
    return results
  } finally {
    for (const subject of subjects) await subject.close()
    for (const database of databases) await database.dispose()
  }
}

/** The event store against the bare driver, on each dialect, chain and projections off (and chain on). */
export const eventStoreBenchmark = async (options: BenchOptions): Promise<ReadonlyArray<ResultRow>> => {
  const dialects: Array<Dialect> = ["sqlite"]
  if (await postgresReachable()) dialects.push("postgres")
  else options.log("PostgreSQL is not reachable (set DATABASE_URL); its rows are left out")
  const rows: Array<ResultRow> = []
  for (const dialect of dialects) {
    for (const scenario of scenarios) {
      const { baseline, storeSql, store, chained } = await measureScenario(scenario, dialect, options)
      rows.push({
        benchmark: scenario.name,
        dialect: dialect === "sqlite" ? "SQLite" : "PostgreSQL",
        store: store.perSecond,
        baseline: baseline.perSecond,
        target: 0.6,
        chained: chained.perSecond,
        storeSql: storeSql.perSecond,
      })
    }
  }
  return rows
}
