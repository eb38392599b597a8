import { Context, Effect, Layer } from "effect"
import { makeSqlAccountDirectory } from "../../adapters/sql/accounts/sql-account-directory.js"
import { makeSqlSessionStore } from "../../adapters/sql/accounts/sql-session-store.js"
import { makeSqlAppSessionDirectory } from "../../adapters/sql/apps/sql-app-sessions.js"
import { listProducts } from "../../adapters/sql/catalog/catalog-queries.js"
import { makeSqlProductLifecycles } from "../../adapters/sql/catalog/sql-product-lifecycles.js"
import { makeSqlJobQueue } from "../../adapters/sql/jobs/sql-job-queue.js"
import { makeSqlLicenseDirectory } from "../../adapters/sql/licensing/sql-license-directory.js"
import { sqlEffect } from "../../adapters/sql/sql-effect.js"
import {
  openSqlEventLog,
  type SqlEventLog,
  type SqlEventLogOptions,
} from "../../adapters/sql/sql-event-log.js"
import { makeSqlSwitchLedger } from "../../adapters/sql/switching/sql-switch-ledger.js"
import { makeSqlSwitchPlanDirectory } from "../../adapters/sql/switching/sql-switch-plan-directory.js"
import { makeSqlThrottle } from "../../adapters/sql/throttle/sql-throttle.js"
import { makeSqlVaultItems } from "../../adapters/sql/vault/sql-vault-items.js"
import { AccountDirectory } from "../../application/accounts/account-directory.js"
import { SessionStore } from "../../application/accounts/session-store.js"
import { AppSessionDirectory } from "../../application/apps/app-session-directory.js"
import { AuditLog } from "../../application/audit/audit-log.js"
import { CatalogDirectory } from "../../application/catalog/catalog-directory.js"
import { ProductLifecycles } from "../../application/catalog/product-lifecycles.js"
import { EventStore } from "../../application/event-log/event-store.js"
import { JobQueue } from "../../application/jobs/job-queue.js"
import { LicenseDirectory } from "../../application/licensing/license-directory.js"
import { Throttle } from "../../application/platform/throttle.js"
import { SwitchLedger } from "../../application/switching/switch-ledger.js"
import { SwitchPlanDirectory } from "../../application/switching/switch-plan-directory.js"
import { VaultItems } from "../../application/vault/vault-items-directory.js"
import type { AppConfig } from "../config/config.js"
import { StartupError } from "./startup-error.js"

/** The opened SQL event log, for the operator commands that work below the ports (migrate, rebuild). */
export class SqlEventLogService extends Context.Tag("apps/SqlEventLog")<SqlEventLogService, SqlEventLog>() {}

export const SqlEventLogLive = (
  config: Pick<AppConfig, "databaseUrl" | "databaseVariable">,
  options: SqlEventLogOptions = {},
) =>
  Layer.scoped(
    SqlEventLogService,
    Effect.acquireRelease(
      Effect.tryPromise({
        try: () => openSqlEventLog(config.databaseUrl, options),
        catch: (cause) => StartupError.fromDatabase(cause, config.databaseVariable, config.databaseUrl),
      }),
      (log) => Effect.promise(() => log.close()),
    ),
  )

/** The ports over the SQL event log. */
export const SqlPortsLive = Layer.effectContext(
  Effect.map(SqlEventLogService, (log) =>
    Context.make(EventStore, log.store).pipe(
      Context.add(AuditLog, log.audit),
      Context.add(JobQueue, makeSqlJobQueue(log.database)),
      Context.add(AccountDirectory, makeSqlAccountDirectory(log.database)),
      Context.add(LicenseDirectory, makeSqlLicenseDirectory(log.database)),
      Context.add(SessionStore, makeSqlSessionStore(log.database)),
      Context.add(Throttle, makeSqlThrottle(log.database)),
      Context.add(VaultItems, makeSqlVaultItems(log.database)),
      Context.add(AppSessionDirectory, makeSqlAppSessionDirectory(log.database)),
      Context.add(CatalogDirectory, { list: sqlEffect("products", () => listProducts(log.database)) }),
      Context.add(ProductLifecycles, makeSqlProductLifecycles(log.database)),
      Context.add(SwitchLedger, makeSqlSwitchLedger(log.database)),
      Context.add(SwitchPlanDirectory, makeSqlSwitchPlanDirectory(log.database)),
    ),
  ),
)
