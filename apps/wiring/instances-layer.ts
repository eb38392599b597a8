import { Context, Effect, Layer } from "effect"
import { makeSimulatedConsole } from "../../adapters/sql/instances/simulated-console.js"
import { makeSqlConsoleFaultSettings } from "../../adapters/sql/instances/sql-console-faults.js"
import { makeSqlInstanceDirectory } from "../../adapters/sql/instances/sql-instance-directory.js"
import { ConsoleFaultSettings } from "../../application/instances/console-faults.js"
import { ConsolePort } from "../../application/instances/console-port.js"
import { InstanceDirectory } from "../../application/instances/instance-directory.js"
import type { AppConfig } from "../config/config.js"
import { defaultSimulatedConsole } from "../config/console-config.js"
import { SqlEventLogService } from "./sql-event-log-service.js"

/**
 * The instances' ports: the support list over its read model, and the console port: the simulated console over its own tables (the default). A real deployment
 * would choose an HTTP adapter of the same port here, from its own setting.
 */
export const InstancesLive = (config: Pick<AppConfig, "simulatedConsole">) =>
  Layer.effectContext(
    Effect.map(SqlEventLogService, (log) => {
      const settings = config.simulatedConsole ?? defaultSimulatedConsole
      const faults = makeSqlConsoleFaultSettings(log.database, {
        script: settings.faultScript,
        failureRate: settings.failureRate,
      })
      return Context.make(ConsolePort, makeSimulatedConsole(log.database, settings, faults)).pipe(
        Context.add(ConsoleFaultSettings, faults),
        Context.add(InstanceDirectory, makeSqlInstanceDirectory(log.database)),
      )
    }),
  )
