import { randomBytes } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import pg from "pg"

export const postgresUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test"

export type FreshDatabase =
  | { readonly dialect: "sqlite"; readonly file: string; readonly dispose: () => Promise<void> }
  | {
      readonly dialect: "postgres"
      readonly url: string
      readonly schema: string
      readonly dispose: () => Promise<void>
    }

export type Dialect = FreshDatabase["dialect"]

/** A file in a temp dir of its own, so WAL and fsync costs are those of a real disk file. */
const freshSqlite = (): FreshDatabase => {
  const dir = mkdtempSync(join(tmpdir(), "portcullis-bench-"))
  return {
    dialect: "sqlite",
    file: join(dir, "bench.db"),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  }
}

const withClient = async (work: (client: pg.Client) => Promise<unknown>) => {
  const client = new pg.Client({ connectionString: postgresUrl })
  await client.connect()
  try {
    await work(client)
  } finally {
    await client.end()
  }
}

// A schema per measurement: nothing carries over between the store's run and the baseline's.
const freshPostgres = (): FreshDatabase => {
  const schema = `bench_${randomBytes(6).toString("hex")}`
  return {
    dialect: "postgres",
    url: postgresUrl,
    schema,
    dispose: () => withClient((client) => client.query(`drop schema if exists "${schema}" cascade`)),
  }
}

export const freshDatabase = (dialect: Dialect): FreshDatabase =>
  dialect === "sqlite" ? freshSqlite() : freshPostgres()

export const postgresReachable = async (): Promise<boolean> =>
  withClient((client) => client.query("select 1")).then(
    () => true,
    () => false,
  )

export const storeUrl = (database: FreshDatabase): string => {
  if (database.dialect === "sqlite") return `sqlite:${database.file}`
  const separator = database.url.includes("?") ? "&" : "?"
  return `${database.url}${separator}schema=${database.schema}`
}
