import { setTimeout as sleep } from "node:timers/promises"
import { describe, expect, it } from "vitest"
import { json, registration } from "../http/customer-app.js"
import { expectAccessible, newPage, screenshot, signInThroughForm } from "./browser.js"
import { portalSuite } from "./portal-server.js"

// Manual 004 in the portal (STEP 2 11–12, STEP 3): a business customer with an Apex One SaaS licence
// provisions the console, adds the existing product (the token, read once, presented as the Apex
// One console does), is refused the update without the acknowledgement, meets the console's
// temporary problem with when to try again, tries again, and ends connected as Standard Endpoint
// Protection with every console user to upgrade. The saga's steps run when the test drains the jobs.

const retryAfterSeconds = 2
const portal = portalSuite({
  simulatedConsole: {
    provisionSeconds: 0,
    updateSeconds: 0,
    retryAfterSeconds,
    faultScript: ["fail", "ok"],
    failureRate: 0,
  },
})

describe("product instances in the browser", () => {
  it("provisions, connects with the token shown once, and updates after the temporary problem", async () => {
    const [key] = await portal.server.issue(1, { productId: "apex-one-saas", packageId: "standard" })
    const account = registration(key!)
    expect((await portal.server.app.request("/v1/accounts", json("POST", account))).status).toBe(201)
    const runSaga = () => portal.server.deliverMail()

    const page = await newPage(portal.browser, portal.server.baseUrl)
    await page.goto("/products")
    await signInThroughForm(page, account)
    await page.waitForURL((url) => url.pathname === "/products")
    await page.getByRole("link", { name: /^Product Instance/ }).click()
    await page.waitForURL((url) => url.pathname === "/instances")
    const row = page.locator("table.instances tbody tr")
    await expect(row.locator("th").textContent()).resolves.toBe("Trend Micro Apex One as a Service")
    await expect(row.locator("[data-status]").textContent()).resolves.toBe("未プロビジョニング")
    await expect(row.locator(".key").textContent()).resolves.toMatch(/^[A-Z0-9-]{20,}$/)
    await expectAccessible(page)
    await screenshot(page, "instances-not-provisioned")

    // Provision Console: provisioning, with only a hint to reload; then ready.
    await page.getByRole("button", { name: "Provision Console" }).click()
    await page.waitForURL((url) => url.search === "?notice=provisioning")
    await expect(row.locator("[data-status]").textContent()).resolves.toBe("プロビジョニング中")
    await expect(row.getByText("ページを再読み込みしてください").isVisible()).resolves.toBe(true)
    await expect(row.getByRole("button").count()).resolves.toBe(0)
    await runSaga()
    // The "provisioned" mail's link leads to this list.
    const ready = await portal.server.lastMailTo(account.user.email)
    expect(ready.subject).toContain("プロビジョニングが完了しました")
    const link = ready.text.match(/http:\/\/127\.0\.0\.1:\d+\/instances\b/)?.[0]
    expect(link).toBeDefined()
    await page.goto(link!)
    await expect(row.locator("[data-status]").textContent()).resolves.toBe("準備完了")
    await expect(page.locator(".notice-success").count()).resolves.toBe(0)
    await expectAccessible(page)

    // 既存製品の追加: the token, once, with the copy button and the console's steps.
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"])
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/token") && r.request().method() === "POST"),
      page.getByRole("button", { name: "既存製品の追加" }).click(),
    ])
    expect(answer.headers()["cache-control"]).toBe("no-store")
    const tokenBox = page.getByRole("textbox", { name: "登録トークン" })
    const token = await tokenBox.inputValue()
    portal.server.noteSecret(token)
    expect(token).toMatch(/^[a-f0-9]+\.[A-Za-z0-9_-]{43}$/)
    expect(page.url()).not.toContain(token.split(".")[1])
    await expect(page.getByText("[統合設定]").isVisible()).resolves.toBe(true)
    await page.getByRole("button", { name: "コピー" }).click()
    // The script copies asynchronously, then says so.
    await page.getByText("コピーしました。").waitFor()
    await expect(page.evaluate("navigator.clipboard.readText()")).resolves.toBe(token)
    await expectAccessible(page)
    await screenshot(page, "instances-token")
    // A reload sends the same form again: no token is shown (nor issued) a second time.
    await page.reload()
    await expect(page.getByRole("textbox", { name: "登録トークン" }).count()).resolves.toBe(0)
    await expect(
      page.getByText("一度だけ表示されます。もう一度表示することはできません").isVisible(),
    ).resolves.toBe(true)
    expect(await page.content()).not.toContain(token)

    // The Apex One console presents the token: connected, with its users.
    const presented = await portal.server.app.request("/v1/instance-registrations", json("POST", { token }))
    expect(presented.status).toBe(201)
    await page.goto("/instances")
    await expect(row.locator("[data-status]").textContent()).resolves.toBe("接続済み")
    await expect(row.getByRole("link", { name: /コンソールユーザ: 3人$/ }).isVisible()).resolves.toBe(true)
    await screenshot(page, "instances-connected")

    // The update dialog: without the acknowledgement it comes back with the summary.
    await row.getByRole("link", { name: "アップデート" }).click()
    await page.waitForURL((url) => url.pathname.endsWith("/update"))
    await expectAccessible(page)
    await screenshot(page, "instances-update")
    await page.getByLabel("使用許諾契約書を読み、内容に同意します。").check()
    await page.getByLabel("プライバシーポリシー (Global Privacy Notice) を読み、内容に同意します。").check()
    await page.getByLabel("データ収集について (Data Collection Notice) を読み、内容に同意します。").check()
    await page.getByRole("button", { name: "接続して転送" }).click()
    const summary = page.locator(".error-summary")
    await expect(summary.getByRole("link").allTextContents()).resolves.toEqual([
      "アップデートによるシステムへの影響を理解し、同意してください。",
    ])
    await expect(page.getByLabel("使用許諾契約書を読み、内容に同意します。").isChecked()).resolves.toBe(true)
    await expectAccessible(page)
    await screenshot(page, "instances-update-refused")

    // With all four: updating; the console's first start meets its temporary problem.
    await page
      .getByLabel("アップデートによるシステムへの影響を理解し、プロセスを開始することに同意します")
      .check()
    await page.getByRole("button", { name: "接続して転送" }).click()
    await page.waitForURL((url) => url.search === "?notice=updating")
    await expect(row.locator("[data-status]").textContent()).resolves.toBe("アップデート中")
    await expect(row.getByText("ページを再読み込みしてください").isVisible()).resolves.toBe(true)
    await runSaga()
    await page.reload()
    await expect(row.locator("[data-status]").textContent()).resolves.toBe("接続済み")
    await expect(page.locator(".notice-success").count()).resolves.toBe(0)
    const problem = page.locator(".notice-error")
    await expect(problem.textContent()).resolves.toContain(
      "一時的な問題が発生しました。サポートエンジニアがこの問題の解決に取り組んでいます。しばらくしてからもう一度お試しください。",
    )
    await expect(problem.locator("[data-retry]").textContent()).resolves.toMatch(
      /\d{2}:\d{2}.*\(Asia\/Tokyo\) 以降にもう一度アップデートをお試しください。$/,
    )
    await expectAccessible(page)
    await screenshot(page, "instances-temporary-problem")

    // The retry, once its time has come: the same dialog, then connected as Standard Endpoint Protection.
    await sleep(retryAfterSeconds * 1000 + 200)
    await row.getByRole("link", { name: "アップデート" }).click()
    await page.waitForURL((url) => url.pathname.endsWith("/update"))
    for (const box of await page.getByRole("checkbox").all()) await box.check()
    await page.getByRole("button", { name: "接続して転送" }).click()
    await page.waitForURL((url) => url.search === "?notice=updating")
    await runSaga()
    await page.reload()
    await expect(row.locator("th").textContent()).resolves.toBe("Standard Endpoint Protection")
    await expect(row.locator("[data-status]").textContent()).resolves.toBe("接続済み")
    await expect(row.getByRole("link", { name: "アップデート" }).count()).resolves.toBe(0)
    await expect(page.locator(".notice-error").count()).resolves.toBe(0)
    await expectAccessible(page)
    await screenshot(page, "instances-updated")

    // The console users, each to upgrade at the next sign-in.
    await row.getByRole("link", { name: /コンソールユーザ/ }).click()
    await page.waitForURL((url) => /^\/instances\/[a-f0-9]+$/.test(url.pathname))
    const users = page.locator("table.console-users tbody tr")
    await expect(users.count()).resolves.toBe(3)
    await expect(page.getByRole("rowheader", { name: "admin" }).isVisible()).resolves.toBe(true)
    await expect(page.locator('tr[data-must-upgrade="yes"]').count()).resolves.toBe(3)
    await expect(users.first().textContent()).resolves.toContain("アカウントのアップグレードが必要")
    await expectAccessible(page)
    await screenshot(page, "instances-console-users")

    // The dialog of an updated instance says so and has no form; the licence moved on the products page.
    await page.goto(`${new URL(page.url()).pathname}/update`)
    await expect(
      page.getByText("すでに Standard Endpoint Protection にアップデートされています").isVisible(),
    ).resolves.toBe(true)
    await expect(page.getByRole("button", { name: "接続して転送" }).count()).resolves.toBe(0)
    await page.goto("/language/en?back=/instances")
    await page.waitForURL((url) => url.pathname === "/instances")
    await expect(row.locator("[data-status]").textContent()).resolves.toBe("Connected")
    await screenshot(page, "instances-en")
  })
})
