import type { Generated } from "kysely"

// Column types as both dialects hand them back once the pg int8 parser is installed (see database.ts).
export interface EventsTable {
  position: number
  stream_id: string
  stream_version: number
  event_id: string
  type: string
  schema_version: number
  data: string | null
  metadata: string
  recorded_at: string
  data_digest: string
  prev_hash: string
  hash: string
  erased: number
}

export interface LogHeadTable {
  id: number
  position: number
  hash: string
}

export interface IdempotencyKeysTable {
  key: string
  fingerprint: string
  stream_id: string
  result: string
  created_at: string
}

export interface OutboxTable {
  id: string
  position: number
  channel: string
  payload: string
  status: "pending" | "done" | "dead"
  attempts: number
  /** When the job is due: its due time at first, then the time of its next attempt. */
  next_attempt_at: string
  lease_until: string | null
  lease_token: string | null
  causation_id: string | null
  correlation_id: string | null
  created_at: string
  completed_at: string | null
  last_error: string | null
}

export interface OutboxAttemptsTable {
  id: string
  message_id: string
  attempted_at: string
  outcome: "done" | "failed" | "dead"
  detail: string
}

export interface ProjectionCheckpointsTable {
  name: string
  version: number
  position: number
  updated_at: string
}

export interface SessionsTable {
  session_id: string
  token_digest: string
  account_id: string
  created_at: string
  last_seen_at: string
  absolute_expires_at: string
  authenticated_with: string
}

export interface ThrottlesTable {
  key: string
  count: number
  window_started_at: string
  last_at: string
  blocked_until: string | null
}

export interface KernelTables {
  events: EventsTable
  log_head: LogHeadTable
  idempotency_keys: IdempotencyKeysTable
  outbox: OutboxTable
  outbox_attempts: OutboxAttemptsTable
  projection_checkpoints: ProjectionCheckpointsTable
  sessions: SessionsTable
  throttles: ThrottlesTable
}

/** Features add their read-model tables to this by declaration merging-free intersection. */
// biome-ignore lint/suspicious/noExplicitAny: projections own tables the kernel does not know
export type AnyTables = KernelTables & Record<string, any>
export type { Generated }
