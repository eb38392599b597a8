import type { Page } from "playwright-core"
import { describe, expect, it } from "vitest"
import { createSwitchPlan } from "../../application/switching/switch-plans.js"
import { runSwitch } from "../../application/switching/switch-run.js"
import type { SalesChannel } from "../../domain/licensing/license-events.js"
import { passwordManagerSwitch } from "../../domain/switching/switch-rules.js"
import { json } from "../http/customer-app.js"
import { expectAccessible, newPage, screenshot, signInThroughForm } from "./browser.js"
import { portalSuite } from "./portal-server.js"

// Manual 000's switch result site, reached from the 「ID プロテクションへの切り替えが完了しました」 mail:
// the switched customer is ready to use ID Protection and opens it; an in-app purchase is told why not
// and what to do; before a programme's results day, "not yet".

const portal = portalSuite()
const operator = { actor: { kind: "operator" as const, id: "browser-test" } }
const password = "Kagi2Mori#Tsuki"
let counter = 0

const rules = (resultsFrom: string, switchedChannels?: ReadonlyArray<SalesChannel>) => ({
  ...passwordManagerSwitch({ cancelCutoff: "2025-06-04", keysValidFrom: "2025-06-05", resultsFrom }),
  ...(switchedChannels === undefined ? {} : { switchedChannels }),
})

describe("the switch result in the browser", () => {
  const customer = async (channel: SalesChannel) => {
    const [key] = await portal.server.issue(1, {
      productId: "password-manager",
      packageId: "annual",
      channel,
    })
    counter++
    const email = `switch${counter}.${Date.now()}@example.jp`
    const created = await portal.server.app.request(
      "/v1/personal-accounts",
      json("POST", { licenseKey: key, acceptEula: true, email, password, passwordConfirmation: password }),
    )
    expect(created.status).toBe(201)
    return { loginId: email, password }
  }
  const run = async (resultsFrom: string, switchedChannels?: ReadonlyArray<SalesChannel>) => {
    const plan = await portal.server.runtime.runPromise(
      createSwitchPlan(rules(resultsFrom, switchedChannels), operator),
    )
    await portal.server.runtime.runPromise(
      runSwitch(plan.planId, { batchSize: 50, mailsPerMinute: 6000, metadata: operator }),
    )
  }
  const signedIn = async (page: Page, account: { loginId: string; password: string }) => {
    await signInThroughForm(page, account)
    await page.waitForURL((url) => url.pathname === "/switch")
  }

  it("shows the switched customer ready for ID Protection, the others why not, and 'not yet' before the day", async () => {
    const switched = await customer("direct")
    const inApp = await customer("google-play")
    // Bought from a reseller: the first programme leaves it out, a later one takes it.
    const later = await customer("reseller")
    await run("2025-06-01")

    // The mail's 「今すぐログインする」 leads to the result, through the sign-in.
    const mail = await portal.server.lastMailTo(switched.loginId)
    expect(mail.subject).toBe("【Portcullis】ID プロテクションへの切り替えが完了しました")
    const link = mail.text.match(/http:\/\/127\.0\.0\.1:\d+\/switch/)?.[0]
    expect(link).toBeDefined()
    const page = await newPage(portal.browser, portal.server.baseUrl)
    await page.goto(link!)
    await page.waitForURL((url) => url.pathname === "/login")
    await signedIn(page, switched)
    await expect(page.getByRole("heading", { level: 2 }).textContent()).resolves.toBe(
      "ID プロテクションを利用する準備ができました",
    )
    await expect(page.locator("dl.facts dd").textContent()).resolves.toBe("2099年3月31日")
    await expectAccessible(page)
    await screenshot(page, "switch-result")
    await page.getByRole("link", { name: "ID プロテクションを開く" }).click()
    await page.waitForURL((url) => url.pathname === "/vault")

    const other = await newPage(portal.browser, portal.server.baseUrl)
    await other.goto("/switch")
    await signedIn(other, inApp)
    await expect(other.getByRole("heading", { level: 2 }).textContent()).resolves.toBe(
      "このライセンスはID プロテクションへの切り替えの対象外です",
    )
    await expect(other.getByText("アプリストアの仕様上").isVisible()).resolves.toBe(true)
    await expect(other.getByText("ID プロテクションの新たな契約をご購入ください").isVisible()).resolves.toBe(
      true,
    )
    await expect(
      other.getByRole("link", { name: "パスワードマネージャーのデータを移行する" }).isVisible(),
    ).resolves.toBe(true)
    await expectAccessible(other)
    await screenshot(other, "switch-not-switched")
    await other.goto("/language/en?back=/switch")
    await other.waitForURL((url) => url.pathname === "/switch")
    await expect(other.getByRole("heading", { level: 2 }).textContent()).resolves.toBe(
      "This licence was not switched to ID Protection",
    )

    // A programme for the resellers' licences, whose results are shown only from a day to come.
    await run("2099-01-01", ["reseller"])
    const waiting = await newPage(portal.browser, portal.server.baseUrl)
    await waiting.goto("/switch")
    await signedIn(waiting, later)
    await expect(waiting.locator('[data-switch="not-yet"]').count()).resolves.toBe(1)
    await expect(
      waiting
        .getByText("ID プロテクションへのライセンス切り替えの結果は、2099年1月1日以降に確認できます。")
        .isVisible(),
    ).resolves.toBe(true)
    await expectAccessible(waiting)
  })
})
