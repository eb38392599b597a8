import { Effect, TestClock, TestContext } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { authenticate, signIn } from "../../application/accounts/sessions.js"
import { customerApp } from "./customer-app.js"
import { callsTo } from "./customer-calls.js"

// With SESSION_IDLE_MINUTES=1, a session's last use must be recorded to well within that minute.
describe("the idle time-out with a short setting", () => {
  let api: Awaited<ReturnType<typeof customerApp>>
  beforeAll(async () => {
    api = await customerApp({ sessionIdleMinutes: 1 })
  })
  afterAll(() => api.close())
  const { registerAndLogin } = callsTo(() => api)

  it("keeps a session used every 20 seconds or so, and ends it a minute after its last use", async () => {
    const { form } = await registerAndLogin()
    const inUse = (token: string) => Effect.map(Effect.either(authenticate(token)), (r) => r._tag === "Right")
    const program = Effect.gen(function* () {
      yield* TestClock.setTime(Date.now())
      const signedIn = yield* signIn({
        loginId: form.loginId,
        password: form.password,
        address: "idle-test",
        metadataFor: (id) => ({ actor: { kind: "customer", id } }),
      })
      if (signedIn._tag !== "SignedIn") return yield* Effect.dieMessage("2FA is on")
      const uses: Array<boolean> = []
      // Used at 20 s, 40 s, 55 s and 72 s after login: never idle for a minute.
      for (const seconds of [20, 20, 15, 17]) {
        yield* TestClock.adjust(`${seconds} seconds`)
        uses.push(yield* inUse(signedIn.token))
      }
      // Then left alone: still there 50 s after its last use, gone a minute after it.
      yield* TestClock.adjust("50 seconds")
      uses.push(yield* inUse(signedIn.token))
      yield* TestClock.adjust("61 seconds")
      uses.push(yield* inUse(signedIn.token))
      return uses
    })
    const uses = await api.runtime.runPromise(program.pipe(Effect.provide(TestContext.TestContext)))
    expect(uses).toEqual([true, true, true, true, true, false])
  })
})
