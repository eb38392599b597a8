import { Effect, Either, TestClock, TestContext } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { listMail, showMail } from "../../adapters/mail/file-mailbox.js"
import {
  assignUpgradeEmail,
  resendUpgradeCode,
  verifyUpgradeEmail,
} from "../../application/instances/console-upgrade.js"
import { drainJobs } from "../../application/jobs/dispatch.js"
import { bearer, customerApp, json, registration } from "./customer-app.js"
import { callsTo } from "./customer-calls.js"

// A console user's resend countdown under Effect's TestClock: the same countdown as the primary
// user account's (168 s), refused with the seconds left before it ends; after it, a new code that
// replaces the old one, which no longer works. The instance is updated over HTTP on the real clock;
// the upgrade's use cases then run on the app's own runtime under the TestClock.

let api: Awaited<ReturnType<typeof customerApp>>
beforeAll(async () => {
  api = await customerApp({
    simulatedConsole: {
      provisionSeconds: 0,
      updateSeconds: 0,
      retryAfterSeconds: 1,
      faultScript: ["ok"],
      failureRate: 0,
    },
  })
})
afterAll(() => api.close())
const { call } = callsTo(() => api)
const refusal = <A, E>(result: Either.Either<A, E>) => (Either.isLeft(result) ? result.left : undefined)

const updatedInstance = async () => {
  const [key] = await api.issue(1, { productId: "apex-one-saas", packageId: "standard" })
  const form = registration(key!)
  expect((await call("/v1/accounts", json("POST", form))).status).toBe(201)
  const token = (await call("/v1/sessions", json("POST", { loginId: form.loginId, password: form.password })))
    .body.token as string
  const id = (await call("/v1/instances", bearer(token))).body.instances[0].id as string
  await call("/v1/instances", json("POST", { licenseId: id }, token))
  await api.deliverMail()
  const issued = await call(`/v1/instances/${id}/registration-token`, bearer(token, "POST"))
  api.noteSecret(issued.body.token)
  await call("/v1/instance-registrations", json("POST", { token: issued.body.token }))
  const accepted = {
    acceptLicenseAgreement: true,
    acceptPrivacyNotice: true,
    acceptDataCollectionNotice: true,
    acknowledgePermanent: true,
  }
  expect((await call(`/v1/instances/${id}/update`, json("POST", accepted, token))).status).toBe(202)
  await api.deliverMail()
  const users = (await call(`/v1/instances/${id}/console-users`, bearer(token))).body.users
  return { id, userName: users[0].userName as string }
}

describe("a console user's resend countdown", () => {
  it("refuses a resend with the seconds left, then sends a new code that replaces the old", async () => {
    const { id, userName } = await updatedInstance()
    const email = `console.countdown.${Date.now()}@test.com`
    const metadata = { actor: { kind: "system" as const, id: "vision-one-console" } }
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
      const sent = yield* assignUpgradeEmail(id, userName, { email, emailConfirmation: email }, metadata)
      expect(sent).toMatchObject({ status: "code-sent", resendInSeconds: 168 })
      const first = yield* latestCode

      yield* TestClock.adjust("100 seconds")
      expect(refusal(yield* Effect.either(resendUpgradeCode(id, userName, metadata)))).toMatchObject({
        _tag: "ResendTooSoon",
        secondsLeft: 68,
      })
      yield* TestClock.adjust("67 seconds")
      expect(refusal(yield* Effect.either(resendUpgradeCode(id, userName, metadata)))).toMatchObject({
        _tag: "ResendTooSoon",
        secondsLeft: 1,
      })
      yield* TestClock.adjust("1 second")
      const resent = yield* resendUpgradeCode(id, userName, metadata)
      expect(resent).toMatchObject({ status: "code-sent", resendInSeconds: 168, attemptsLeft: 5 })
      const second = yield* latestCode

      const old = yield* Effect.either(verifyUpgradeEmail(id, userName, first, metadata))
      if (first !== second) expect(refusal(old)).toMatchObject({ _tag: "CodeRejected", attemptsLeft: 4 })
      const verified = yield* verifyUpgradeEmail(id, userName, second, metadata)
      expect(verified).toMatchObject({ status: "awaiting-password", userName, email })
    })
    await api.runtime.runPromise(program.pipe(Effect.provide(TestContext.TestContext)))
  })
})
