import { Context, Effect, Layer } from "effect"
import { makeSqlOutbox } from "../../adapters/sql/outbox/sql-outbox.js"
import {
  openSqlEventLog,
  type SqlEventLog,
  type SqlEventLogOptions,
} from "../../adapters/sql/sql-event-log.js"
import { AuditLog } from "../../application/audit/audit-log.js"
import { EventStore } from "../../application/event-log/event-store.js"
import { Outbox } from "../../application/outbox/outbox.js"
import { StartupError } from "./startup-error.js"

/** The opened SQL event log, for the operator commands that work below the ports (migrate, rebuild). */
export class SqlEventLogService extends Context.Tag("apps/SqlEventLog")<SqlEventLogService, SqlEventLog>() {}

export const SqlEventLogLive = (url: string, options: SqlEventLogOptions = {}) =>
  Layer.scoped(
    SqlEventLogService,
    Effect.acquireRelease(
      Effect.tryPromise({
        try: () => openSqlEventLog(url, options),
        catch: (cause) => StartupError.fromDatabase(cause),
      }),
      (log) => Effect.promise(() => log.close()),
    ),
  )

/** The ports over the SQL event log. */
export const SqlPortsLive = Layer.effectContext(
  Effect.map(SqlEventLogService, (log) =>
    Context.make(EventStore, log.store).pipe(
      Context.add(AuditLog, log.audit),
      Context.add(Outbox, makeSqlOutbox(log.database)),
    ),
  ),
)
