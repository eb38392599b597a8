import { isAbsolute, join, resolve } from "node:path"
import { Config, ConfigError, Effect, Either, LogLevel, Option } from "effect"
import { parseDatabaseUrl } from "../../adapters/sql/database.js"
import type { DatabaseVariable } from "../wiring/startup-error.js"
import { consoleUrlConfig, type SimulatedConsoleConfig, simulatedConsoleConfig } from "./console-config.js"
import { mailbox } from "./mailbox.js"

export interface AppConfig {
  readonly port: number
  readonly host: string
  readonly dataDir: string
  readonly databaseUrl: string
  /** Which variable named the database, for messages: DATA_DIR when DATABASE_URL is not set. */
  readonly databaseVariable: DatabaseVariable
  readonly smtpUrl: Option.Option<string>
  readonly mailFrom: string
  readonly secretKey: Option.Option<string>
  /** The Ed25519 seed entitlements are signed with (32 bytes, base64); a key file in DATA_DIR when absent. */
  readonly signingKey: Option.Option<string>
  readonly logLevel: LogLevel.LogLevel
  readonly logFormat: "json" | "pretty"
  readonly passwordPolicy: "manual" | "asvs"
  readonly sessionIdleMinutes: number
  readonly sessionAbsoluteHours: number
  /** Where customers reach the API; links in e-mails start here. */
  readonly publicUrl: string
  readonly mailBrand: string
  readonly supportUrl: string
  /** Browser origins allowed to call the API; empty: no CORS headers at all. */
  readonly corsOrigins: ReadonlyArray<string>
  /** E-mail verification codes (the primary user account): seconds before another may be sent; default 168. */
  readonly emailCodeResendSeconds?: number
  /** Minutes an e-mail verification code works; default 15. */
  readonly emailCodeMinutes?: number
  /** The simulated console's times and faults (apps/config/console-config.ts); its defaults when absent. */
  readonly simulatedConsole?: SimulatedConsoleConfig
  /** The consoles' HTTP endpoint; absent: the simulated console answers. */
  readonly consoleUrl?: string
}

const positive = (name: string, fallback: number) =>
  Config.integer(name).pipe(
    Config.mapOrFail((n) =>
      n > 0 ? Either.right(n) : Either.left(ConfigError.InvalidData([], "expected a whole number above 0")),
    ),
    Config.withDefault(fallback),
  )

const port = Config.integer("PORT").pipe(
  Config.mapOrFail((n) =>
    n >= 0 && n <= 65535
      ? Either.right(n)
      : Either.left(ConfigError.InvalidData([], "expected a port number from 0 to 65535")),
  ),
  Config.withDefault(8080),
)

const logLevel = Config.string("LOG_LEVEL").pipe(
  Config.mapOrFail((text) => {
    const level = LogLevel.allLevels.find((l) => l.label.toLowerCase() === text.toLowerCase())
    return level
      ? Either.right(level)
      : Either.left(
          ConfigError.InvalidData(
            [],
            `expected one of ${LogLevel.allLevels.map((l) => l.label.toLowerCase()).join(", ")}`,
          ),
        )
  }),
  Config.withDefault(LogLevel.Info),
)

const logFormat = Config.literal(
  "json",
  "pretty",
)("LOG_FORMAT").pipe(Config.withDefault(process.stdout.isTTY ? ("pretty" as const) : ("json" as const)))

const url = (name: string, check: (value: string) => void) =>
  Config.string(name).pipe(
    Config.mapOrFail((value) => {
      try {
        check(value)
        return Either.right(value)
      } catch (error) {
        return Either.left(ConfigError.InvalidData([], (error as Error).message))
      }
    }),
  )

const smtpUrl = url("SMTP_URL", (value) => {
  const parsed = new URL(value)
  if (parsed.protocol !== "smtp:" && parsed.protocol !== "smtps:")
    throw new Error("expected an smtp:// or smtps:// URL")
})

// Exact origins only (no wildcard, path or trailing slash): an allow-list that a typo widens is no list.
const corsOrigins = Config.string("CORS_ORIGINS").pipe(
  Config.mapOrFail((text) => {
    const origins = text
      .split(",")
      .map((entry) => entry.trim())
      .filter((entry) => entry !== "")
    const bad = origins.findIndex((entry) => {
      try {
        const parsed = new URL(entry)
        return (parsed.protocol !== "http:" && parsed.protocol !== "https:") || parsed.origin !== entry
      } catch {
        return true
      }
    })
    return bad === -1
      ? Either.right(origins)
      : Either.left(
          ConfigError.InvalidData(
            [],
            `entry ${bad + 1} is not an origin: expected comma-separated http(s)://host[:port], without path or trailing slash`,
          ),
        )
  }),
  Config.withDefault([] as ReadonlyArray<string>),
)

export const appConfig = Effect.gen(function* () {
  const dataDir = resolve(yield* Config.string("DATA_DIR").pipe(Config.withDefault("./data")))
  const givenUrl = yield* Config.option(url("DATABASE_URL", parseDatabaseUrl))
  const databaseUrl = Option.getOrElse(givenUrl, () => `sqlite:${join(dataDir, "portcullis.db")}`)
  const sqliteFile = databaseUrl.startsWith("sqlite:") ? databaseUrl.slice("sqlite:".length) : undefined
  return {
    port: yield* port,
    host: yield* Config.string("HOST").pipe(Config.withDefault("127.0.0.1")),
    dataDir,
    // A relative SQLite path is taken from the working directory, as the shell would.
    databaseUrl:
      sqliteFile && sqliteFile !== ":memory:" && !isAbsolute(sqliteFile)
        ? `sqlite:${resolve(sqliteFile)}`
        : databaseUrl,
    databaseVariable: Option.isSome(givenUrl) ? "DATABASE_URL" : "DATA_DIR",
    smtpUrl: yield* Config.option(smtpUrl),
    mailFrom: yield* mailbox("MAIL_FROM").pipe(
      Config.withDefault("Portcullis <no-reply@portcullis.localhost>"),
    ),
    secretKey: yield* Config.option(Config.string("PORTCULLIS_SECRET_KEY")),
    signingKey: yield* Config.option(Config.string("PORTCULLIS_SIGNING_KEY")),
    logLevel: yield* logLevel,
    logFormat: yield* logFormat,
    passwordPolicy: yield* Config.literal(
      "manual",
      "asvs",
    )("PASSWORD_POLICY").pipe(Config.withDefault("manual" as const)),
    sessionIdleMinutes: yield* positive("SESSION_IDLE_MINUTES", 30),
    sessionAbsoluteHours: yield* positive("SESSION_ABSOLUTE_HOURS", 12),
    publicUrl: (yield* url("PUBLIC_URL", (text) => new URL(text)).pipe(
      Config.withDefault(`http://localhost:${yield* port}`),
    )).replace(/\/+$/, ""),
    mailBrand: yield* Config.string("MAIL_BRAND").pipe(Config.withDefault("Portcullis")),
    supportUrl: yield* Config.string("SUPPORT_URL").pipe(
      Config.withDefault("https://portcullis.localhost/support"),
    ),
    corsOrigins: yield* corsOrigins,
    emailCodeResendSeconds: yield* positive("EMAIL_CODE_RESEND_SECONDS", 168),
    emailCodeMinutes: yield* positive("EMAIL_CODE_MINUTES", 15),
    simulatedConsole: yield* simulatedConsoleConfig,
    ...Option.match(yield* consoleUrlConfig, {
      onNone: () => ({}),
      onSome: (consoleUrl) => ({ consoleUrl }),
    }),
  } satisfies AppConfig
})

/** One line naming the variable and what is wrong with it, never its value (it may be a secret). */
export const describeConfigError = (error: ConfigError.ConfigError): string => {
  const reasons: Array<string> = []
  const walk = (e: ConfigError.ConfigError) => {
    switch (e._op) {
      case "And":
      case "Or":
        walk(e.left)
        walk(e.right)
        return
      case "InvalidData":
      case "MissingData":
      case "SourceUnavailable":
      case "Unsupported":
        reasons.push(`${e.path.join("_") || "configuration"}: ${e.message.replace(/ but received .*$/s, "")}`)
        return
    }
  }
  walk(error)
  return [...new Set(reasons)].join("; ")
}
