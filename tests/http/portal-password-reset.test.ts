import { Effect, Either, TestClock, TestContext } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { listMail } from "../../adapters/mail/index.js"
import {
  passwordResetChallenge,
  requestPasswordResetWithProof,
} from "../../application/accounts/password-reset.js"
import { issueWorkChallenge } from "../../application/platform/proof-of-work.js"
import { customerApp, json, registration } from "./customer-app.js"
import { challengeIn, solve } from "./work-solution.js"

// The reset request as a browser without JavaScript (or a robot) sends it: a plain form post, with
// the widget's field filled in by hand, or not at all.

let server: Awaited<ReturnType<typeof customerApp>>
beforeAll(async () => {
  server = await customerApp({ portal: true })
})
afterAll(() => server?.close())

const account = async () => {
  const [key] = await server.issue()
  const body = registration(key!)
  expect((await server.app.request("/v1/accounts", json("POST", body))).status).toBe(201)
  return body
}

const mailsTo = async (address: string) => {
  await server.deliverMail()
  const mails = await Effect.runPromise(listMail(server.outboxDir))
  return mails.filter((mail) => mail.to.includes(address) && /リセット/.test(mail.subject))
}

/** The request page, as a browser opens it: its cookies, CSRF token and challenge. */
const openRequestPage = async () => {
  const page = await server.app.request("/password-reset")
  expect(page.status).toBe(200)
  const html = await page.text()
  const cookie = page.headers
    .getSetCookie()
    .map((line) => line.split(";")[0]!)
    .join("; ")
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1]
  return { html, cookie, csrf: csrf!, challenge: challengeIn(html) }
}

const post = (cookie: string, fields: Record<string, string>) =>
  server.app.request("/password-reset", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams(fields).toString(),
  })

describe("the password-reset request's proof of work", () => {
  it("says on the page that the check needs JavaScript, and loads the widget only from the portal", async () => {
    const { html } = await openRequestPage()
    expect(html).toMatch(/<noscript>[\s\S]*この確認にはJavaScriptが必要です。[\s\S]*<\/noscript>/)
    expect(html).toContain('<script type="module" src="/assets/altcha.js"')
    expect(html).toContain('workerurl="/assets/altcha-worker.js"')
    expect(html).not.toMatch(/(src|href)="https?:/)
  })

  it("refuses a request without a solution, a garbled, a forged or another form's one, and mails nothing", async () => {
    const { user } = await account()
    const { cookie, csrf, challenge } = await openRequestPage()
    const otherForm = await server.runtime.runPromise(issueWorkChallenge("another-form"))
    const refusals: Array<[string | undefined, string]> = [
      [undefined, "「私はロボットではありません」にチェックを入れてから送信してください。"],
      ["", "「私はロボットではありません」にチェックを入れてから送信してください。"],
      ["not-a-payload", "確認できませんでした。"],
      [Buffer.from("{}").toString("base64"), "確認できませんでした。"],
      [solve(challenge, (p) => (p.number = Number(p.number) + 1)), "確認できませんでした。"],
      [solve(challenge, (p) => (p.signature = "0".repeat(64))), "確認できませんでした。"],
      [solve(otherForm), "確認できませんでした。"],
    ]
    for (const [solution, message] of refusals) {
      const fields = {
        _csrf: csrf,
        loginIdOrEmail: user.email,
        ...(solution === undefined ? {} : { altcha: solution }),
      }
      const refused = await post(cookie, fields)
      expect(refused.status, String(solution)).toBe(422)
      const html = await refused.text()
      expect(html).toContain(message)
      // The form comes back with what was typed, a fresh challenge, and the refusal in the summary.
      expect(html).toContain(`value="${user.email}"`)
      expect(challengeIn(html).challenge).not.toBe(challenge.challenge)
      expect(html).toContain('href="#f-altcha"')
    }
    expect(await mailsTo(user.email)).toEqual([])
  })

  it("accepts a solution once: the mail goes out, the same solution again is refused and mails nothing", async () => {
    const { user } = await account()
    const { cookie, csrf, challenge } = await openRequestPage()
    const solution = solve(challenge)
    const accepted = await post(cookie, { _csrf: csrf, loginIdOrEmail: user.email, altcha: solution })
    expect(accepted.status).toBe(303)
    expect(accepted.headers.get("location")).toBe("/password-reset-sent")
    expect(await mailsTo(user.email)).toHaveLength(1)

    const again = await post(cookie, { _csrf: csrf, loginIdOrEmail: user.email, altcha: solution })
    expect(again.status).toBe(422)
    expect(await again.text()).toContain("確認できませんでした。")
    expect(await mailsTo(user.email)).toHaveLength(1)
  })

  it("asks for the login ID or address first, keeping the solution unused", async () => {
    const { user } = await account()
    const { cookie, csrf, challenge } = await openRequestPage()
    const solution = solve(challenge)
    const empty = await post(cookie, { _csrf: csrf, loginIdOrEmail: "  ", altcha: solution })
    expect(empty.status).toBe(422)
    expect(await empty.text()).toContain("ログインIDまたはメールアドレス: 入力してください。")
    const sent = await post(cookie, { _csrf: csrf, loginIdOrEmail: user.email, altcha: solution })
    expect(sent.status).toBe(303)
  })

  it("answers the same whether or not an account matched", async () => {
    const { cookie, csrf } = await openRequestPage()
    const nobody = await post(cookie, {
      _csrf: csrf,
      loginIdOrEmail: "nobody@example.com",
      altcha: solve((await openRequestPage()).challenge),
    })
    expect(nobody.status).toBe(303)
    expect(nobody.headers.get("location")).toBe("/password-reset-sent")
    const sent = await (await server.app.request("/password-reset-sent")).text()
    expect(sent).toContain("メールを確認してください")
    expect(sent).toContain("一致するアカウントがある場合は")
    expect(sent).not.toContain("nobody@example.com")
  })

  it("lets a challenge be solved and sent for five minutes, by the application's clock", async () => {
    const { loginId } = await account()
    const attempt = (wait: "4 minutes" | "5 minutes") =>
      Effect.gen(function* () {
        yield* TestClock.setTime(Date.now())
        const challenge = yield* passwordResetChallenge()
        yield* TestClock.adjust(wait)
        return yield* Effect.either(
          requestPasswordResetWithProof(solve(challenge), loginId, "clock-test", (id) => ({
            actor: { kind: "customer", id },
          })),
        )
      }).pipe(Effect.provide(TestContext.TestContext))
    const inTime = await server.runtime.runPromise(attempt("4 minutes"))
    expect(Either.isRight(inTime)).toBe(true)
    const late = await server.runtime.runPromise(attempt("5 minutes"))
    expect(Either.isLeft(late) && late.left).toMatchObject({ _tag: "WorkRefused", reason: "expired" })
  })
})

describe("the reset link's page without JavaScript", () => {
  it("shows an unknown link as unusable, with a way to ask for a new one", async () => {
    const page = await server.app.request("/password-reset/not-a-real-token")
    expect(page.status).toBe(404)
    const html = await page.text()
    expect(html).toContain("このリンクは使用できません")
    expect(html).toContain('href="/password-reset"')
  })
})
