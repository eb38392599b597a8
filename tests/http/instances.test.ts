// Manual 004 over HTTP (STEP 2 11–12, STEP 3): Provision Console, Add existing product (the token,
// shown once), the Apex One console presenting it, and the permanent update, with the simulated
// console scripted to have its temporary problem twice and then succeed. The customer is refused
// while the retry time has not come, tries again, and the instance ends connected as Standard
// Endpoint Protection with its licence moved once; the mails say each step.
import { setTimeout as sleep } from "node:timers/promises"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { listMail } from "../../adapters/mail/index.js"
import { renewLicense } from "../../application/licensing/license-admin.js"
import { bearer, json, registration } from "./customer-app.js"
import { callsTo } from "./customer-calls.js"
import { customerAppOn, stores } from "./store-suite.js"

const allAccepted = {
  acceptLicenseAgreement: true,
  acceptPrivacyNotice: true,
  acceptDataCollectionNotice: true,
  acknowledgePermanent: true,
}
const operator = { actor: { kind: "operator" as const, id: "test-operator" } }
const problemSlug = (body: { type: string }) => body.type.replace("https://portcullis.dev/problems/", "")

describe.each(stores)(
  "product instances: the move of an Apex One SaaS console to Vision One ($name)",
  (store) => {
    const app = customerAppOn(store, () => ({
      simulatedConsole: {
        provisionSeconds: 0,
        updateSeconds: 0,
        retryAfterSeconds: 1,
        faultScript: ["fail", "fail", "ok"],
        failureRate: 0,
      },
    }))
    const { call } = callsTo(app)
    const signedIn = async () => {
      const [key] = await app().issue(1, { productId: "apex-one-saas", packageId: "standard" })
      const form = registration(key!)
      expect((await call("/v1/accounts", json("POST", form))).status).toBe(201)
      const login = await call(
        "/v1/sessions",
        json("POST", { loginId: form.loginId, password: form.password }),
      )
      return { token: login.body.token as string, email: form.user.email }
    }

    it("provisions, connects with a token, and updates after two temporary problems", async () => {
      const { token, email } = await signedIn()
      const listed = await call("/v1/instances", bearer(token))
      expect(listed.body.instances).toEqual([
        expect.objectContaining({ status: "not-provisioned", productId: "apex-one-saas" }),
      ])
      const id = listed.body.instances[0].id as string
      const path = `/v1/instances/${id}`

      const provisioning = await call("/v1/instances", json("POST", { licenseId: id }, token))
      expect(provisioning.status).toBe(202)
      expect(provisioning.body).toMatchObject({ id, status: "provisioning" })
      const early = await call(`${path}/registration-token`, bearer(token, "POST"))
      expect(problemSlug(early.body)).toBe("instance-not-ready")

      await app().deliverMail()
      expect((await call(path, bearer(token))).body.status).toBe("ready")

      // Add existing product: the token is shown once; only a newer one replaces it.
      const issued = await call(`${path}/registration-token`, bearer(token, "POST"))
      expect(issued.status).toBe(201)
      const registrationToken = issued.body.token as string
      app().noteSecret(registrationToken)
      expect((await call(path, bearer(token))).body).toMatchObject({
        status: "ready",
        tokenExpiresAt: issued.body.expiresAt,
      })
      expect(JSON.stringify((await call(path, bearer(token))).body)).not.toContain(registrationToken)

      const wrong = await call("/v1/instance-registrations", json("POST", { token: `${id}.not-the-token` }))
      expect(problemSlug(wrong.body)).toBe("token-unknown")
      const registered = await call("/v1/instance-registrations", json("POST", { token: registrationToken }))
      expect(registered.status).toBe(201)
      expect(registered.body).toEqual({ instanceId: id, serviceStatus: "registered" })
      const again = await call("/v1/instance-registrations", json("POST", { token: registrationToken }))
      expect(again.status).toBe(409)
      expect(problemSlug(again.body)).toBe("token-used")
      const users = await call(`${path}/console-users`, bearer(token))
      expect(users.body.users).toHaveLength(3)
      expect(users.body.users.every((u: { mustUpgrade: boolean }) => !u.mustUpgrade)).toBe(true)

      // The update: nothing starts without the acknowledgement.
      const unacknowledged = await call(
        `${path}/update`,
        json("POST", { ...allAccepted, acknowledgePermanent: false }, token),
      )
      expect(unacknowledged.status).toBe(422)
      expect(unacknowledged.body).toMatchObject({ missing: ["acknowledged"] })

      for (const attempt of [1, 2]) {
        const started = await call(`${path}/update`, json("POST", allAccepted, token))
        expect(started.status).toBe(202)
        expect(started.body.status).toBe("updating")
        const twice = await call(`${path}/update`, json("POST", allAccepted, token))
        expect(problemSlug(twice.body)).toBe("update-in-progress")
        await app().deliverMail()
        // The console's temporary problem: still connected as before, with when to try again.
        const after = await call(path, bearer(token))
        expect(after.body).toMatchObject({ status: "connected", productId: "apex-one-saas", updated: false })
        expect(after.body.lastFailure).toMatchObject({ attempt })
        const tooSoon = await call(`${path}/update`, json("POST", allAccepted, token))
        expect(tooSoon.status).toBe(503)
        expect(problemSlug(tooSoon.body)).toBe("temporarily-unavailable")
        expect(tooSoon.headers.get("retry-after")).toBe("1")
        expect(tooSoon.body.retryAt).toBe(after.body.lastFailure.retryAt)
        await sleep(1100)
      }

      expect((await call(`${path}/update`, json("POST", allAccepted, token))).status).toBe(202)
      await app().deliverMail()
      const done = await call(path, bearer(token))
      expect(done.body).toMatchObject({ status: "connected", productId: "vision-one-sep", updated: true })
      expect(done.body.lastFailure).toBeUndefined()
      const licences = await call("/v1/licenses", bearer(token))
      expect(licences.body.licenses).toEqual([expect.objectContaining({ id, productId: "vision-one-sep" })])
      // The instance's move is not a switch programme's result.
      expect((await call("/v1/account/switch-results", bearer(token))).body.results).toEqual([])
      const upgraded = await call(`${path}/console-users`, bearer(token))
      expect(upgraded.body.users.every((u: { mustUpgrade: boolean }) => u.mustUpgrade)).toBe(true)
      const once = await call(`${path}/update`, json("POST", allAccepted, token))
      expect(problemSlug(once.body)).toBe("already-updated")

      const subjects = (await Effect.runPromise(listMail(app().outboxDir)))
        .filter((mail) => mail.to.includes(email))
        .map((mail) => mail.subject)
      expect(subjects.filter((s) => s.includes("プロビジョニングが完了しました"))).toHaveLength(1)
      expect(subjects.filter((s) => s.includes("一時的な問題により"))).toHaveLength(2)
      expect(subjects.filter((s) => s.includes("アップデートが完了しました"))).toHaveLength(1)
    })

    it("answers only the account's own instances, and only Apex One SaaS licences provision", async () => {
      const mine = await signedIn()
      const other = await signedIn()
      const id = (await call("/v1/instances", bearer(mine.token))).body.instances[0].id as string
      await call("/v1/instances", json("POST", { licenseId: id }, mine.token))
      expect(problemSlug((await call(`/v1/instances/${id}`, bearer(other.token))).body)).toBe(
        "instance-not-found",
      )
      const theirs = await call("/v1/instances", json("POST", { licenseId: id }, other.token))
      expect(problemSlug(theirs.body)).toBe("license-not-found")
    })

    it("refuses the update once the licence has expired in the account's calendar", async () => {
      const { token } = await signedIn()
      const id = (await call("/v1/instances", bearer(token))).body.instances[0].id as string
      const path = `/v1/instances/${id}`
      await call("/v1/instances", json("POST", { licenseId: id }, token))
      await app().deliverMail()
      const issued = await call(`${path}/registration-token`, bearer(token, "POST"))
      app().noteSecret(issued.body.token)
      expect(
        (await call("/v1/instance-registrations", json("POST", { token: issued.body.token }))).status,
      ).toBe(201)
      await app().runtime.runPromise(renewLicense(id, "2020-03-31", operator))
      const refused = await call(`${path}/update`, json("POST", allAccepted, token))
      expect(refused.status).toBe(409)
      expect(problemSlug(refused.body)).toBe("license-expired")
      expect((await call(path, bearer(token))).body).toMatchObject({ status: "connected", updated: false })
    })
  },
)
