import { ConfigProvider, Effect, Either } from "effect"
import { describe, expect, it } from "vitest"
import { appConfig, describeConfigError } from "../../apps/config/config.js"

const load = (env: Record<string, string>) =>
  Effect.runSync(
    Effect.either(Effect.withConfigProvider(appConfig, ConfigProvider.fromMap(new Map(Object.entries(env))))),
  )

describe("the simulated console's configuration", () => {
  it("answers in seconds by default, at the manual's pace when asked, each time overridable", () => {
    expect(Either.getOrThrow(load({})).simulatedConsole).toEqual({
      provisionSeconds: 5,
      updateSeconds: 10,
      retryAfterSeconds: 30,
      faultScript: [],
      failureRate: 0,
    })
    expect(
      Either.getOrThrow(load({ CONSOLE_PACE: "manual", CONSOLE_UPDATE_SECONDS: "1500" })).simulatedConsole,
    ).toMatchObject({ provisionSeconds: 1200, updateSeconds: 1500, retryAfterSeconds: 600 })
    expect(
      Either.getOrThrow(load({ CONSOLE_FAULTS: "fail, fail,ok", CONSOLE_FAILURE_RATE: "0.25" }))
        .simulatedConsole,
    ).toMatchObject({ faultScript: ["fail", "fail", "ok"], failureRate: 0.25 })
    expect(Either.getOrThrow(load({})).consoleUrl).toBeUndefined()
    expect(Either.getOrThrow(load({ CONSOLE_URL: "https://consoles.example/v1" })).consoleUrl).toBe(
      "https://consoles.example/v1",
    )
  })

  it("names the variable that is wrong", () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [
        { CONSOLE_FAULTS: "fail,maybe" },
        /^CONSOLE_FAULTS: expected a comma-separated list of ok, fail, down$/,
      ],
      [{ CONSOLE_FAILURE_RATE: "2" }, /^CONSOLE_FAILURE_RATE: expected a number from 0 to 1$/],
      [{ CONSOLE_PACE: "fast" }, /^CONSOLE_PACE: /],
      [{ CONSOLE_UPDATE_SECONDS: "-1" }, /^CONSOLE_UPDATE_SECONDS: expected whole seconds/],
      [{ CONSOLE_URL: "ftp://console.example" }, /^CONSOLE_URL: expected an http:\/\/ or https:\/\/ URL$/],
    ]
    for (const [env, pattern] of cases) {
      const result = load(env)
      if (Either.isRight(result)) throw new Error(`accepted ${JSON.stringify(env)}`)
      expect(describeConfigError(result.left)).toMatch(pattern)
    }
  })
})
