import { Config, ConfigError, Either } from "effect"
import { type FaultStep, parseFaultScript } from "../../application/instances/console-faults.js"

/** The simulated console (the default console adapter): how long it takes and how it fails. */
export interface SimulatedConsoleConfig {
  readonly provisionSeconds: number
  readonly updateSeconds: number
  readonly retryAfterSeconds: number
  /** Answers to the update's start, one per new attempt: `fail,fail,ok`; then `failureRate`. */
  readonly faultScript: ReadonlyArray<FaultStep>
  readonly failureRate: number
}

// `demo`: seconds, so that `npm start` shows the whole flow; `manual`: the manual's 20–30 minutes.
const paces = {
  demo: { provisionSeconds: 5, updateSeconds: 10, retryAfterSeconds: 30 },
  manual: { provisionSeconds: 20 * 60, updateSeconds: 30 * 60, retryAfterSeconds: 10 * 60 },
} as const

const seconds = (name: string) =>
  Config.option(
    Config.integer(name).pipe(
      Config.mapOrFail((n) =>
        n >= 0
          ? Either.right(n)
          : Either.left(ConfigError.InvalidData([], "expected whole seconds, 0 or more")),
      ),
    ),
  )

const faultScript = Config.string("CONSOLE_FAULTS").pipe(
  Config.mapOrFail((text) => {
    const script = parseFaultScript(text)
    return script
      ? Either.right(script)
      : Either.left(ConfigError.InvalidData([], "expected a comma-separated list of ok, fail, down"))
  }),
  Config.withDefault([] as ReadonlyArray<FaultStep>),
)

const failureRate = Config.number("CONSOLE_FAILURE_RATE").pipe(
  Config.mapOrFail((n) =>
    n >= 0 && n <= 1
      ? Either.right(n)
      : Either.left(ConfigError.InvalidData([], "expected a number from 0 to 1")),
  ),
  Config.withDefault(0),
)

export const simulatedConsoleConfig = Config.all({
  pace: Config.literal("demo", "manual")("CONSOLE_PACE").pipe(Config.withDefault("demo" as const)),
  provision: seconds("CONSOLE_PROVISION_SECONDS"),
  update: seconds("CONSOLE_UPDATE_SECONDS"),
  retryAfter: seconds("CONSOLE_RETRY_AFTER_SECONDS"),
  faultScript,
  failureRate,
}).pipe(
  Config.map(
    (c): SimulatedConsoleConfig => ({
      provisionSeconds: c.provision._tag === "Some" ? c.provision.value : paces[c.pace].provisionSeconds,
      updateSeconds: c.update._tag === "Some" ? c.update.value : paces[c.pace].updateSeconds,
      retryAfterSeconds: c.retryAfter._tag === "Some" ? c.retryAfter.value : paces[c.pace].retryAfterSeconds,
      faultScript: c.faultScript,
      failureRate: c.failureRate,
    }),
  ),
)

export const defaultSimulatedConsole: SimulatedConsoleConfig = {
  ...paces.demo,
  faultScript: [],
  failureRate: 0,
}

/** A real console's HTTP endpoint (adapters/console/http-console.ts); none: the simulated console. */
export const consoleUrlConfig = Config.option(
  Config.string("CONSOLE_URL").pipe(
    Config.mapOrFail((text) => {
      try {
        const parsed = new URL(text)
        if (parsed.protocol === "http:" || parsed.protocol === "https:") return Either.right(text)
      } catch {
        // Not a URL: said below.
      }
      return Either.left(ConfigError.InvalidData([], "expected an http:// or https:// URL"))
    }),
  ),
)
