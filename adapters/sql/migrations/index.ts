import { type Kysely, type Migration, type MigrationResultSet, Migrator } from "kysely"

// biome-ignore lint/suspicious/noExplicitAny: migrations run on a database whose tables no type describes yet
type AnyDb = Kysely<any>

import type { DatabaseTarget } from "../database.js"
import * as eventLog from "./0001-event-log.js"
import * as leanEventLog from "./0002-lean-event-log.js"
import * as sessionsAndThrottles from "./0003-sessions-and-throttles.js"
import * as sessionSecondFactor from "./0004-session-second-factor.js"
import * as typedJobs from "./0005-typed-jobs.js"
import * as simulatedConsole from "./0006-simulated-console.js"

// Every migration this build knows, by name; names sort in the order they apply.
const migrations: Record<string, Migration> = {
  "0001-event-log": eventLog,
  "0002-lean-event-log": leanEventLog,
  "0003-sessions-and-throttles": sessionsAndThrottles,
  "0004-session-second-factor": sessionSecondFactor,
  "0005-typed-jobs": typedJobs,
  "0006-simulated-console": simulatedConsole,
}

export const knownMigrations = Object.keys(migrations)

export class DatabaseTooNew extends Error {
  override readonly name = "DatabaseTooNew"
}

export class MigrationFailed extends Error {
  override readonly name = "MigrationFailed"
}

export const migratorFor = (db: AnyDb, target: DatabaseTarget) =>
  new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(target.dialect === "postgres"
      ? { migrationTableSchema: target.schema, migrationLockTableName: "kysely_migration_lock" }
      : {}),
  })

/** Refuses a database that a newer Portcullis migrated: its tables may mean things this build does not know. */
export const assertNotTooNew = async (db: AnyDb, target: DatabaseTarget): Promise<void> => {
  const applied = await migratorFor(db, target).getMigrations()
  const names = new Set(applied.map((m) => m.name))
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true })
  const hasMigrationTable = tables.some(
    (t) => t.name === "kysely_migration" && (target.dialect === "sqlite" || t.schema === target.schema),
  )
  if (!hasMigrationTable) return
  const rows = await (db as Kysely<{ kysely_migration: { name: string } }>)
    .selectFrom("kysely_migration")
    .select("name")
    .execute()
  const unknown = rows.map((r) => r.name).filter((name) => !names.has(name))
  if (unknown.length > 0) {
    throw new DatabaseTooNew(
      `the database was migrated by a newer Portcullis (unknown migration ${unknown[0]}); upgrade Portcullis to use it`,
    )
  }
}

export class DatabaseNotMigrated extends Error {
  override readonly name = "DatabaseNotMigrated"
}

/** For commands that only read: the database must be exactly at this build's schema. */
export const assertMigrated = async (db: AnyDb, target: DatabaseTarget): Promise<void> => {
  await assertNotTooNew(db, target)
  const pending = (await migratorFor(db, target).getMigrations()).filter((m) => m.executedAt === undefined)
  if (pending.length > 0) {
    throw new DatabaseNotMigrated(
      `the database is not migrated (${pending.length} pending, first ${pending[0]?.name}); run \`portcullis db migrate\``,
    )
  }
}

export interface MigrationReport {
  readonly applied: ReadonlyArray<string>
  readonly alreadyApplied: ReadonlyArray<string>
}

export const migrateToLatest = async (db: AnyDb, target: DatabaseTarget): Promise<MigrationReport> => {
  await assertNotTooNew(db, target)
  const before = await migratorFor(db, target).getMigrations()
  const result: MigrationResultSet = await migratorFor(db, target).migrateToLatest()
  if (result.error) {
    const failed = result.results?.find((r) => r.status === "Error")?.migrationName ?? "unknown"
    throw new MigrationFailed(
      `migration ${failed} failed: ${String((result.error as Error).message ?? result.error)}`,
    )
  }
  return {
    applied: (result.results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName),
    alreadyApplied: before.filter((m) => m.executedAt !== undefined).map((m) => m.name),
  }
}
