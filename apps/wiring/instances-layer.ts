import { Context, Effect, Layer } from "effect"
import { makeHttpConsole } from "../../adapters/console/http-console.js"
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
 * The instances' ports: the support list over its read model, and the console port: the simulated
 * console over its own tables by default; a deployment that names its consoles' endpoint
 * (`CONSOLE_URL`) gets the HTTP adapter of the same port instead.
 */
export const InstancesLive = (config: Pick<AppConfig, "simulatedConsole" | "consoleUrl">) =>
  Layer.effectContext(
    Effect.map(SqlEventLogService, (log) => {
      const settings = config.simulatedConsole ?? defaultSimulatedConsole
      const faults = makeSqlConsoleFaultSettings(log.database, {
        script: settings.faultScript,
        failureRate: settings.failureRate,
      })
      const port =
        config.consoleUrl === undefined
          ? makeSimulatedConsole(log.database, settings, faults)
          : makeHttpConsole({ baseUrl: config.consoleUrl })
      return Context.make(ConsolePort, port).pipe(
        Context.add(ConsoleFaultSettings, faults),
        Context.add(InstanceDirectory, makeSqlInstanceDirectory(log.database)),
      )
    }),
  )
