// A customer's switch result over HTTP, on SQLite and PostgreSQL: after the operator's run, the
// switched customer sees ID Protection with the same last day (in the result and in the licence
// list), the App Store customer sees why not and what to do, and a customer with nothing to switch
// sees nothing.
import { describe, expect, it } from "vitest"
import { createSwitchPlan } from "../../application/switching/switch-plans.js"
import { runSwitch } from "../../application/switching/switch-run.js"
import { passwordManagerSwitch } from "../../domain/switching/switch-rules.js"
import { bearer, json } from "./customer-app.js"
import { callsTo } from "./customer-calls.js"
import { customerAppOn, stores } from "./store-suite.js"

const operator = { actor: { kind: "operator" as const, id: "ops-1" } }
const password = "Kagi2Mori#Tsuki"
let counter = 0

describe.each(stores)("switch results ($name)", (store) => {
  const app = customerAppOn(store)
  const { call } = callsTo(app)
  const personal = async (licenseKey: string) => {
    counter++
    const email = `switch${counter}.${Date.now()}@example.jp`
    const created = await call(
      "/v1/personal-accounts",
      json("POST", { licenseKey, acceptEula: true, email, password, passwordConfirmation: password }),
    )
    expect(created.status).toBe(201)
    const login = await call("/v1/sessions", json("POST", { loginId: email, password }))
    return login.body.token as string
  }

  it("shows each customer what the switch did with their licence, and what to do", async () => {
    const [direct] = await app().issue(1, { productId: "password-manager", packageId: "annual" })
    const [inApp] = await app().issue(1, {
      productId: "password-manager",
      packageId: "annual",
      channel: "app-store",
    })
    const [other] = await app().issue(1, { productId: "id-protection", packageId: "annual" })
    const switched = await personal(direct!)
    const notSwitched = await personal(inApp!)
    const nothing = await personal(other!)
    const rules = passwordManagerSwitch({
      cancelCutoff: "2025-06-04",
      keysValidFrom: "2025-06-05",
      resultsFrom: "2025-06-01",
    })
    const plan = await app().runtime.runPromise(createSwitchPlan(rules, operator))
    const run = await app().runtime.runPromise(
      runSwitch(plan.planId, { batchSize: 10, mailsPerMinute: 600, metadata: operator }),
    )
    expect(run).toMatchObject({ decided: 2, switched: 1, remaining: 0 })

    const names = {
      fromProduct: {
        id: "password-manager",
        names: { ja: "パスワードマネージャー", en: "Password Manager" },
      },
      toProduct: { id: "id-protection", names: { ja: "ID プロテクション", en: "ID Protection" } },
    }
    const mine = await call("/v1/account/switch-results", bearer(switched))
    expect(mine.status).toBe(200)
    const licences = await call("/v1/licenses", bearer(switched))
    expect(licences.body.licenses).toEqual([
      expect.objectContaining({ productId: "id-protection", expiresOn: "2099-03-31" }),
    ])
    expect(mine.body).toEqual({
      results: [
        {
          planId: plan.planId,
          licenseId: licences.body.licenses[0].id,
          ...names,
          status: "switched",
          expiresOn: "2099-03-31",
        },
      ],
    })
    const theirs = await call("/v1/account/switch-results", bearer(notSwitched))
    expect(theirs.body.results).toEqual([
      expect.objectContaining({
        ...names,
        status: "not-switched",
        reason: "in-app-purchase",
        newContractNeeded: true,
        importPossible: true,
      }),
    ])
    expect((await call("/v1/account/switch-results", bearer(nothing))).body).toEqual({ results: [] })
    const anonymous = await call("/v1/account/switch-results")
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get("content-type")).toContain("application/problem+json")
  })
})
