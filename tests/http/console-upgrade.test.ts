// Manual 004 to its end over HTTP, on SQLite and PostgreSQL, with mail over real SMTP: an instance
// updated through the simulated console, then each console user signing in with its old user name
// is told to upgrade, gives an address (typed twice), reads the code from the mail, sets a
// password, and is an e-mail user account from then on; the old name is refused, the list shows
// the e-mail accounts, and the code never reaches the log or the outbox.
import SQLite from "better-sqlite3"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type SmtpTestServer, startSmtpTestServer } from "../support/smtp-test-server.js"
import { bearer, json, registration } from "./customer-app.js"
import { callsTo } from "./customer-calls.js"
import { customerAppOn, stores } from "./store-suite.js"
import { twoFactorKit } from "./two-factor-kit.js"

let smtp: SmtpTestServer
beforeAll(async () => {
  smtp = await startSmtpTestServer()
})
afterAll(() => smtp.close())

const allAccepted = {
  acceptLicenseAgreement: true,
  acceptPrivacyNotice: true,
  acceptDataCollectionNotice: true,
  acknowledgePermanent: true,
}
const password = "Sora3Umi#Kaze"
const slug = (body: { type: string }) => body.type.replace("https://portcullis.dev/problems/", "")
let counter = 0
const freshAddress = (user: string) => `${user}.${++counter}.${Date.now()}@test.com`

describe.each(stores)("console users upgrade at their next sign-in ($name)", (store) => {
  const app = customerAppOn(store, () => ({
    smtpUrl: smtp.url,
    simulatedConsole: {
      provisionSeconds: 0,
      updateSeconds: 0,
      retryAfterSeconds: 1,
      faultScript: ["ok"],
      failureRate: 0,
    },
  }))
  const { call } = callsTo(app)
  const { mailTo, codeIn } = twoFactorKit(app, () => smtp, call)

  /** A business account's instance, connected through the simulated console (not updated yet). */
  const connected = async () => {
    const [key] = await app().issue(1, { productId: "apex-one-saas", packageId: "standard" })
    const form = registration(key!)
    expect((await call("/v1/accounts", json("POST", form))).status).toBe(201)
    const login = await call("/v1/sessions", json("POST", { loginId: form.loginId, password: form.password }))
    const token = login.body.token as string
    const id = (await call("/v1/instances", bearer(token))).body.instances[0].id as string
    await call("/v1/instances", json("POST", { licenseId: id }, token))
    await app().deliverMail()
    const issued = await call(`/v1/instances/${id}/registration-token`, bearer(token, "POST"))
    app().noteSecret(issued.body.token)
    expect(
      (await call("/v1/instance-registrations", json("POST", { token: issued.body.token }))).status,
    ).toBe(201)
    return { token, id, path: `/v1/instances/${id}` }
  }
  const updated = async () => {
    const instance = await connected()
    expect((await call(`${instance.path}/update`, json("POST", allAccepted, instance.token))).status).toBe(
      202,
    )
    await app().deliverMail()
    expect((await call(instance.path, bearer(instance.token))).body).toMatchObject({ updated: true })
    return instance
  }
  const signIn = (path: string, body: object) => call(`${path}/console-sign-ins`, json("POST", body))

  /** One user's upgrade from the sign-in to the password; answers the address and the code. */
  const upgrade = async (path: string, userName: string) => {
    const told = await signIn(path, { userName })
    expect(told.status).toBe(200)
    expect(told.body).toEqual({ outcome: "upgrade-required", userName })
    const upgradePath = `${path}/console-users/${userName}/upgrade`
    const email = freshAddress(userName)
    const sent = await call(`${upgradePath}/email`, json("POST", { email, emailConfirmation: email }))
    expect(sent.status).toBe(202)
    expect(sent.body).toMatchObject({ status: "code-sent", userName, resendInSeconds: 168, attemptsLeft: 5 })
    const mail = await mailTo(email, /検証コード/)
    expect(mail).toContain(userName)
    const code = codeIn(mail, 6)!
    app().noteSecret(code)
    const verified = await call(`${upgradePath}/verification`, json("POST", { code }))
    expect(verified.status).toBe(200)
    expect(verified.body).toMatchObject({ status: "awaiting-password", email })
    const done = await call(
      `${upgradePath}/password`,
      json("POST", { password, passwordConfirmation: password }),
    )
    expect(done.status).toBe(200)
    expect(done.body).toEqual({ userName, email, mustUpgrade: false })
    return { email, code }
  }

  it("each console user upgrades to an e-mail user account, and signs in with it from then on", async () => {
    const { token, path } = await updated()
    const before = await call(`${path}/console-users`, bearer(token))
    const names = before.body.users.map((u: { userName: string }) => u.userName) as Array<string>
    expect(names.length).toBeGreaterThan(1)

    const [first, ...others] = names as [string, ...Array<string>]
    const upgradePath = `${path}/console-users/${first}/upgrade`
    const email = freshAddress(first)
    const mismatch = await call(
      `${upgradePath}/email`,
      json("POST", { email, emailConfirmation: `x${email}` }),
    )
    expect(mismatch.status).toBe(422)
    expect(
      (await call(`${upgradePath}/email`, json("POST", { email, emailConfirmation: email }))).status,
    ).toBe(202)
    const code = codeIn(await mailTo(email, /検証コード/), 6)!
    app().noteSecret(code)

    // The resend waits for the countdown, and says how long is left.
    const tooSoon = await call(`${upgradePath}/email/resend`, json("POST", {}))
    expect(tooSoon.status).toBe(429)
    expect(slug(tooSoon.body)).toBe("resend-too-soon")
    expect(tooSoon.body.secondsLeft).toBeGreaterThan(160)
    expect(tooSoon.headers.get("retry-after")).toBe(String(tooSoon.body.secondsLeft))

    const early = await call(
      `${upgradePath}/password`,
      json("POST", { password, passwordConfirmation: password }),
    )
    expect(slug(early.body)).toBe("upgrade-email-not-verified")
    const wrong = await call(
      `${upgradePath}/verification`,
      json("POST", { code: code === "000000" ? "111111" : "000000" }),
    )
    expect(wrong.status).toBe(403)
    expect(wrong.body).toMatchObject({ attemptsLeft: 4 })
    expect(slug(wrong.body)).toBe("code-rejected")
    expect((await call(`${upgradePath}/verification`, json("POST", { code }))).status).toBe(200)
    const weak = await call(
      `${upgradePath}/password`,
      json("POST", { password: "short", passwordConfirmation: "short" }),
    )
    expect(weak.status).toBe(422)
    const done = await call(
      `${upgradePath}/password`,
      json("POST", { password, passwordConfirmation: password }),
    )
    expect(done.body).toEqual({ userName: first, email, mustUpgrade: false })
    // A retry with the same password gets the answer again; any other password learns nothing.
    const retried = await call(
      `${upgradePath}/password`,
      json("POST", { password, passwordConfirmation: password }),
    )
    expect(retried.body).toEqual({ userName: first, email, mustUpgrade: false })
    const prying = await call(
      `${upgradePath}/password`,
      json("POST", { password: "Other7#Password", passwordConfirmation: "Other7#Password" }),
    )
    expect(prying.status).toBe(409)
    expect(slug(prying.body)).toBe("console-user-upgraded")
    expect(JSON.stringify(prying.body)).not.toContain(email)

    // The old user name signs in no more; the e-mail does, with the password.
    const oldName = await signIn(path, { userName: first })
    expect(oldName.status).toBe(409)
    expect(slug(oldName.body)).toBe("console-user-upgraded")
    expect((await signIn(path, { userName: email, password })).body).toEqual({
      outcome: "signed-in",
      userName: first,
      email,
    })
    const badPassword = await signIn(path, { userName: email, password: "Wrong1#Password" })
    expect(badPassword.status).toBe(401)
    expect(slug(badPassword.body)).toBe("console-sign-in-failed")

    // Another user may not take the first one's address.
    const [second, ...rest] = others as [string, ...Array<string>]
    const taken = await call(
      `${path}/console-users/${second}/upgrade/email`,
      json("POST", { email: email.toUpperCase(), emailConfirmation: email }),
    )
    expect(taken.status).toBe(409)
    expect(slug(taken.body)).toBe("console-email-taken")

    const codes = [code]
    const accounts = new Map([[first, email]])
    for (const name of [second, ...rest]) {
      const upgraded = await upgrade(path, name)
      codes.push(upgraded.code)
      accounts.set(name, upgraded.email)
    }
    const after = await call(`${path}/console-users`, bearer(token))
    expect(after.body.users).toEqual(
      before.body.users.map((u: { userName: string }) => ({
        ...u,
        mustUpgrade: false,
        email: accounts.get(u.userName),
      })),
    )

    // The codes are only in the mails: the log holds their digests, the outbox waits with them sealed.
    if (!store.postgres) {
      const db = new SQLite(app().databaseFile, { readonly: true })
      const stored = [
        ...db.prepare("select payload from outbox").pluck().all(),
        ...db.prepare("select data from events").pluck().all(),
        ...db.prepare("select metadata from events").pluck().all(),
      ].join("\n")
      db.close()
      for (const c of codes) expect(stored).not.toContain(c)
      expect(stored).not.toContain(password)
    }
  })

  it("refuses the upgrade before the update, and for a user name the console does not have", async () => {
    const { token, path } = await connected()
    const [user] = (await call(`${path}/console-users`, bearer(token))).body.users as Array<{
      userName: string
    }>
    const notYet = await signIn(path, { userName: user!.userName })
    expect(notYet.status).toBe(409)
    expect(slug(notYet.body)).toBe("instance-not-updated")
    const email = freshAddress("early")
    const refused = await call(
      `${path}/console-users/${user!.userName}/upgrade/email`,
      json("POST", { email, emailConfirmation: email }),
    )
    expect(slug(refused.body)).toBe("instance-not-updated")

    const { path: updatedPath } = await updated()
    const unknown = await signIn(updatedPath, { userName: "nobody" })
    expect(unknown.status).toBe(404)
    expect(slug(unknown.body)).toBe("console-user-not-found")
  })
})
