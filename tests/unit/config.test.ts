import { ConfigProvider, Effect, Either, LogLevel, Option } from "effect"
import { describe, expect, it } from "vitest"
import { appConfig, describeConfigError } from "../../apps/config/config.js"

const load = (env: Record<string, string>) =>
  Effect.runSync(
    Effect.either(Effect.withConfigProvider(appConfig, ConfigProvider.fromMap(new Map(Object.entries(env))))),
  )

describe("configuration", () => {
  it("has defaults that serve the embedded database under ./data", () => {
    const config = Either.getOrThrow(load({}))
    expect(config).toMatchObject({ port: 8080, host: "127.0.0.1", logLevel: LogLevel.Info })
    expect(config.databaseUrl).toBe(`sqlite:${config.dataDir}/portcullis.db`)
    expect(Option.isNone(config.smtpUrl)).toBe(true)
  })

  it("names the variable and the problem in one line, never the value", () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ PORT: "eighty" }, /^PORT: /],
      [{ PORT: "70000" }, /^PORT: expected a port number/],
      [
        { DATABASE_URL: "mysql://user:hunter2@db/x" },
        /^DATABASE_URL: expected a sqlite: or postgres:\/\/ URL$/,
      ],
      [{ SMTP_URL: "http://hunter2@mail" }, /^SMTP_URL: expected an smtp:\/\/ or smtps:\/\/ URL$/],
      [{ LOG_LEVEL: "loud" }, /^LOG_LEVEL: expected one of /],
      [{ LOG_FORMAT: "xml" }, /^LOG_FORMAT: /],
      [{ CORS_ORIGINS: "https://app.example.com/" }, /^CORS_ORIGINS: entry 1 is not an origin/],
      [{ CORS_ORIGINS: "https://a.example, *" }, /^CORS_ORIGINS: entry 2 is not an origin/],
      [{ CORS_ORIGINS: "ftp://hunter2.example" }, /^CORS_ORIGINS: entry 1 is not an origin/],
    ]
    for (const [env, pattern] of cases) {
      const result = load(env)
      if (Either.isRight(result)) throw new Error(`accepted ${JSON.stringify(env)}`)
      const message = describeConfigError(result.left)
      expect(message).toMatch(pattern)
      expect(message).not.toContain("hunter2")
      expect(message).not.toContain("\n")
    }
  })

  it("reads CORS_ORIGINS as a list of exact origins, none by default", () => {
    expect(Either.getOrThrow(load({})).corsOrigins).toEqual([])
    expect(
      Either.getOrThrow(load({ CORS_ORIGINS: "https://app.example.com, http://localhost:5173" })).corsOrigins,
    ).toEqual(["https://app.example.com", "http://localhost:5173"])
  })

  it("reads the e-mail code's countdown and life, the manual's 168 s and 15 minutes by default", () => {
    expect(Either.getOrThrow(load({}))).toMatchObject({ emailCodeResendSeconds: 168, emailCodeMinutes: 15 })
    expect(
      Either.getOrThrow(load({ EMAIL_CODE_RESEND_SECONDS: "30", EMAIL_CODE_MINUTES: "10" })),
    ).toMatchObject({ emailCodeResendSeconds: 30, emailCodeMinutes: 10 })
    const refused = load({ EMAIL_CODE_RESEND_SECONDS: "0" })
    if (Either.isRight(refused)) throw new Error("accepted a countdown of 0")
    expect(describeConfigError(refused.left)).toMatch(/^EMAIL_CODE_RESEND_SECONDS: /)
  })

  it("takes a relative SQLite path from the working directory", () => {
    const config = Either.getOrThrow(load({ DATABASE_URL: "sqlite:rel/x.db" }))
    expect(config.databaseUrl).toBe(`sqlite:${process.cwd()}/rel/x.db`)
  })
})
