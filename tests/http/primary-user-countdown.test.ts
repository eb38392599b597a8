import { Effect, Either, TestClock, TestContext } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { listMail, showMail } from "../../adapters/mail/file-mailbox.js"
import {
  assignPrimaryEmail,
  resendPrimaryEmailCode,
  verifyPrimaryEmail,
} from "../../application/accounts/primary-user-account.js"
import { drainJobs } from "../../application/jobs/dispatch.js"
import { customerApp } from "./customer-app.js"
import { callsTo } from "./customer-calls.js"

// The resend countdown under Effect's TestClock (manual 004, STEP 2, 6: "click here to resend
// (168s)"): refused with the seconds left before it ends; after it, a new code whose mail replaces
// the old one, which no longer works. The use cases run on the app's own runtime, mail in its outbox.

let api: Awaited<ReturnType<typeof customerApp>>
beforeAll(async () => {
  api = await customerApp()
})
afterAll(() => api.close())
const { registerAndLogin } = callsTo(() => api)
const refusal = <A, E>(result: Either.Either<A, E>) => (Either.isLeft(result) ? result.left : undefined)

describe("the resend countdown", () => {
  it("refuses a resend with the seconds left, then sends a new code that replaces the old", async () => {
    const { accountId } = await registerAndLogin()
    const email = `countdown.${Date.now()}@test.com`
    const metadata = { actor: { kind: "customer" as const, id: accountId } }
    const latestCode = Effect.gen(function* () {
      yield* drainJobs({ ignoreBackoff: true })
      const mails = yield* listMail(api.outboxDir)
      const newest = [...mails].reverse().find((mail) => mail.to.includes(email))!
      const { text } = yield* Effect.orDie(showMail(api.outboxDir, newest.id))
      const code = /(?<!\d)(\d{6})(?!\d)/.exec(text)![1]!
      api.noteSecret(code)
      return code
    })
    const program = Effect.gen(function* () {
      yield* TestClock.setTime(Date.now())
      const sent = yield* assignPrimaryEmail(accountId, { email, emailConfirmation: email }, metadata)
      expect(sent).toMatchObject({ status: "code-sent", resendInSeconds: 168 })
      const first = yield* latestCode

      yield* TestClock.adjust("100 seconds")
      const early = yield* Effect.either(resendPrimaryEmailCode(accountId, metadata))
      expect(refusal(early)).toMatchObject({
        _tag: "ResendTooSoon",
        secondsLeft: 68,
      })
      yield* TestClock.adjust("67 seconds")
      const stillEarly = yield* Effect.either(resendPrimaryEmailCode(accountId, metadata))
      expect(refusal(stillEarly)).toMatchObject({
        _tag: "ResendTooSoon",
        secondsLeft: 1,
      })

      yield* TestClock.adjust("1 second")
      const resent = yield* resendPrimaryEmailCode(accountId, metadata)
      expect(resent).toMatchObject({ status: "code-sent", resendInSeconds: 168, attemptsLeft: 5 })
      const second = yield* latestCode

      // The first code stopped working (a wrong code, counted); the new one verifies the address.
      const old = yield* Effect.either(verifyPrimaryEmail(accountId, first, metadata))
      if (first !== second) {
        expect(refusal(old)).toMatchObject({
          _tag: "CodeRejected",
          attemptsLeft: 4,
        })
      }
      const verified = yield* verifyPrimaryEmail(accountId, second, metadata)
      expect(verified).toEqual({ status: "awaiting-password", originalAccount: expect.any(String), email })
    })
    await api.runtime.runPromise(program.pipe(Effect.provide(TestContext.TestContext)))
  })
})

// On the real clock (a retry after a version conflict waits a jittered moment, which a TestClock
// would hold forever), with a countdown of one second.
describe("two resends racing once the countdown is over", () => {
  let quick: Awaited<ReturnType<typeof customerApp>>
  beforeAll(async () => {
    quick = await customerApp({ emailCodeResendSeconds: 1 })
  })
  afterAll(() => quick.close())
  const calls = callsTo(() => quick)

  it("send one code: the other is refused with the new countdown", async () => {
    const { accountId } = await calls.registerAndLogin()
    const email = `race.${Date.now()}@test.com`
    const metadata = { actor: { kind: "customer" as const, id: accountId } }
    const program = Effect.gen(function* () {
      yield* assignPrimaryEmail(accountId, { email, emailConfirmation: email }, metadata)
      yield* Effect.sleep("1100 millis")
      const both = yield* Effect.all(
        [resendPrimaryEmailCode(accountId, metadata), resendPrimaryEmailCode(accountId, metadata)].map(
          Effect.either,
        ),
        { concurrency: 2 },
      )
      return both.map((result) => (Either.isRight(result) ? "sent" : result.left._tag)).sort()
    })
    expect(await quick.runtime.runPromise(program)).toEqual(["ResendTooSoon", "sent"])
  })
})
