import { setTimeout as sleep } from "node:timers/promises"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { renewLicense } from "../../application/licensing/license-admin.js"
import { customerApp, json, registration } from "./customer-app.js"
import { signedInPortalBrowser } from "./portal-browser.js"

// The product-instance pages as a browser without JavaScript meets them: every refusal a message on
// the page with its status (never a 500), the token shown once and never in an address, the forms
// refused without their CSRF token, and another account's instance not found.

const retryAfterSeconds = 2
let server: Awaited<ReturnType<typeof customerApp>>
beforeAll(async () => {
  server = await customerApp({
    portal: true,
    simulatedConsole: {
      provisionSeconds: 0,
      updateSeconds: 0,
      retryAfterSeconds,
      faultScript: ["fail", "ok"],
      failureRate: 0,
    },
  })
})
afterAll(() => server?.close())

const operator = { actor: { kind: "operator" as const, id: "test-operator" } }
const allFour = {
  licenseAgreement: "on",
  privacyNotice: "on",
  dataCollectionNotice: "on",
  acknowledged: "on",
}

/** A business account with an Apex One SaaS licence, signed in to the portal; its instance's id. */
const customer = async () => {
  const [key] = await server.issue(1, { productId: "apex-one-saas", packageId: "standard" })
  const form = registration(key!)
  expect((await server.app.request("/v1/accounts", json("POST", form))).status).toBe(201)
  const user = await signedInPortalBrowser(server.app, form)
  const list = await (await user.get("/instances")).text()
  const licence = list.match(/name="licence" value="([a-f0-9]+)"/)?.[1]
  expect(licence).toBeDefined()
  return { user, id: licence! }
}

/** Provisioned, the token issued and presented: connected. */
const connected = async () => {
  const { user, id } = await customer()
  expect((await user.post("/instances", { licence: id })).status).toBe(303)
  await server.deliverMail()
  const answer = await user.post(`/instances/${id}/token`, { seen: "" })
  expect(answer.status).toBe(200)
  expect(answer.headers.get("cache-control")).toBe("no-store")
  const token = (await answer.text()).match(/<textarea[^>]*>([^<]+)<\/textarea>/)?.[1]
  expect(token).toBeDefined()
  server.noteSecret(token!)
  const presented = await server.app.request("/v1/instance-registrations", json("POST", { token }))
  expect(presented.status).toBe(201)
  return { user, id, token: token! }
}

describe("the product-instance pages without JavaScript", () => {
  it("shows the token once: the same form again, or the page by address, issues and shows none", async () => {
    const { user, id } = await customer()
    const refused = await server.app.request("/instances", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: user.cookie() },
      body: new URLSearchParams({ licence: id }).toString(),
    })
    expect(refused.status).toBe(403)
    expect(await (await user.get("/instances")).text()).toContain("未プロビジョニング")

    const provisioned = await user.post("/instances", { licence: id })
    expect(provisioned.headers.get("location")).toBe("/instances?notice=provisioning")
    expect(await (await user.get("/instances?notice=provisioning")).text()).toContain(
      "プロビジョニングを開始しました",
    )
    const early = await user.post(`/instances/${id}/token`, { seen: "" })
    expect(early.status).toBe(409)
    expect(await early.text()).toContain("プロビジョニングが完了していません")
    await server.deliverMail()

    const first = await user.post(`/instances/${id}/token`, { seen: "" })
    const page = await first.text()
    const token = page.match(/<textarea[^>]*>([^<]+)<\/textarea>/)![1]!
    server.noteSecret(token)
    // Sent again as it was (a reload of the answer): no second token, and the first is not shown.
    const again = await user.post(`/instances/${id}/token`, { seen: "" })
    const againPage = await again.text()
    expect(againPage).not.toContain("<textarea")
    expect(againPage).toContain("一度だけ表示されます。もう一度表示することはできません")
    const opened = await user.get(`/instances/${id}/token`)
    expect(opened.status).toBe(200)
    const byAddress = await opened.text()
    expect(byAddress).not.toContain(token)
    expect(byAddress).not.toContain("<textarea")
    // The first token still connects: nothing replaced it.
    const presented = await server.app.request("/v1/instance-registrations", json("POST", { token }))
    expect(presented.status).toBe(201)
    expect(await (await user.get("/instances")).text()).toContain("接続済み")
  })

  it("says each refusal of the update on the page: too soon after the temporary problem, in progress, updated", async () => {
    const { user, id } = await connected()
    const started = await user.post(`/instances/${id}/update`, allFour)
    expect(started.headers.get("location")).toBe("/instances?notice=updating")
    const twice = await user.post(`/instances/${id}/update`, allFour)
    expect(twice.status).toBe(409)
    expect(await twice.text()).toContain("アップデートはすでに開始されています。")

    await server.deliverMail()
    const tooSoon = await user.post(`/instances/${id}/update`, allFour)
    expect(tooSoon.status).toBe(503)
    const tooSoonPage = await tooSoon.text()
    expect(tooSoonPage).toContain("一時的な問題が発生しました。")
    expect(tooSoonPage).toMatch(/\(Asia\/Tokyo\) 以降にもう一度アップデートをお試しください。/)
    expect(tooSoonPage).toContain('name="acknowledged"')

    await sleep(retryAfterSeconds * 1000 + 200)
    expect((await user.post(`/instances/${id}/update`, allFour)).status).toBe(303)
    await server.deliverMail()
    const done = await user.post(`/instances/${id}/update`, allFour)
    expect(done.status).toBe(409)
    const donePage = await done.text()
    expect(donePage).toContain("すでに Standard Endpoint Protection にアップデートされています")
    expect(donePage).not.toContain('name="acknowledged"')
    const users = await (await user.get(`/instances/${id}`)).text()
    expect(users.match(/data-must-upgrade="yes"/g)).toHaveLength(3)
  })

  it("refuses the update of an expired licence, lists every missing box, and hides another account's instance", async () => {
    const { user, id } = await connected()
    const none = await user.post(`/instances/${id}/update`, {})
    expect(none.status).toBe(422)
    const nonePage = await none.text()
    expect(nonePage).toContain("4件の項目に誤りがあります。")
    for (const field of ["licenseAgreement", "privacyNotice", "dataCollectionNotice", "acknowledged"])
      expect(nonePage).toContain(`href="#f-${field}"`)

    await server.runtime.runPromise(renewLicense(id, "2020-03-31", operator))
    const expired = await user.post(`/instances/${id}/update`, allFour)
    expect(expired.status).toBe(409)
    expect(await expired.text()).toContain(
      "製品ライセンスの有効期限が切れているため、アップデートできません。",
    )

    const other = await customer()
    for (const path of [`/instances/${id}`, `/instances/${id}/update`, `/instances/${id}/token`]) {
      const answer = await other.user.get(path)
      expect(answer.status).toBe(404)
      expect(await answer.text()).toContain("この製品インスタンスは見つかりません。")
    }
    const theirs = await other.user.post(`/instances/${id}/update`, allFour)
    expect(theirs.status).toBe(404)
    const provisionTheirs = await other.user.post("/instances", { licence: id })
    expect(provisionTheirs.status).toBe(404)
    expect(await provisionTheirs.text()).toContain("この製品インスタンスは見つかりません。")
  })
})
