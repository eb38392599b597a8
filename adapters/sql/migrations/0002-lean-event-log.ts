import { type Kysely, SqliteAdapter, sql } from "kysely"

// What every append wrote besides the event itself, and nothing read on a hot path (decisions.md §18):
// - `streams`: a stream's version is the top of the unique (stream_id, stream_version) index;
// - the unique `event_id` index: ids are UUID v7 from secure randomness, never looked up by id;
// - `events_type_idx`: only projection rebuilds filter by type, and they read in position order anyway.
export const up = async (db: Kysely<unknown>): Promise<void> => {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
    await dropUnread(db)
    await sql`alter table events drop constraint if exists events_event_id_key`.execute(db)
    return
  }
  // SQLite cannot drop a column's unique constraint: the table is rebuilt, rows copied as they are
  // (byte for byte, so the hash chain still verifies). Kysely runs SQLite migrations outside a
  // transaction, so this one holds its own: a crash leaves the old table or the new one, never neither.
  await sql`begin immediate`.execute(db)
  try {
    await dropUnread(db)
    await rebuildSqliteEvents(db)
    await sql`commit`.execute(db)
  } catch (error) {
    await sql`rollback`.execute(db)
    throw error
  }
}

const dropUnread = async (db: Kysely<unknown>) => {
  await db.schema.dropIndex("events_type_idx").ifExists().execute()
  await db.schema.dropTable("streams").ifExists().execute()
}

const rebuildSqliteEvents = async (db: Kysely<unknown>) => {
  await sql`create table events_lean (
    position integer primary key,
    stream_id text not null,
    stream_version integer not null,
    event_id text not null,
    type text not null,
    schema_version integer not null,
    data text,
    metadata text not null,
    recorded_at text not null,
    data_digest text not null,
    prev_hash text not null,
    hash text not null,
    erased integer not null default 0,
    constraint events_stream_version_unique unique (stream_id, stream_version)
  )`.execute(db)
  await sql`insert into events_lean select position, stream_id, stream_version, event_id, type, schema_version,
    data, metadata, recorded_at, data_digest, prev_hash, hash, erased from events`.execute(db)
  await sql`drop table events`.execute(db)
  await sql`alter table events_lean rename to events`.execute(db)
}

export const down = async (): Promise<void> => {
  throw new Error("0002-lean-event-log cannot be undone: restore from a backup")
}
