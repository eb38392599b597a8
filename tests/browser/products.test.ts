import type { Page } from "playwright-core"
import { describe, expect, it } from "vitest"
import { renewLicense } from "../../application/licensing/license-admin.js"
import { json } from "../http/customer-app.js"
import { consoleProblems, expectAccessible, newPage, screenshot, signInThroughForm } from "./browser.js"
import { portalSuite } from "./portal-server.js"

// Manual 002: 製品/サービス (the list, its icons and legend) and 製品を追加する (ライセンスキー →
// 製品情報を確認 → 「製品が追加されました。」).

const portal = portalSuite()

const operator = { actor: { kind: "operator" as const, id: "browser-test" } }

/** A calendar day in Tokyo (new accounts' zone), `days` from today. */
const tokyoDay = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toLocaleDateString("sv-SE", { timeZone: "Asia/Tokyo" })

/** Every row's product and the words its status icon gives a screen reader. */
const rows = (page: Page) =>
  page.locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) => ({
      product: tr.querySelector(".product-name")?.textContent,
      status: tr.querySelector(".status .visually-hidden")?.textContent,
      iconHidden: tr.querySelector(".status-icon")?.getAttribute("aria-hidden"),
    })),
  )

describe("products and services in the browser", () => {
  it("sends a browser without a session to sign in, and back to the list afterwards", async () => {
    const account = await portal.server.registered()
    const page = await newPage(portal.browser, portal.server.baseUrl)
    await page.goto("/products")
    expect(new URL(page.url()).pathname).toBe("/login")
    expect(new URL(page.url()).searchParams.get("next")).toBe("/products")
    await signInThroughForm(page, account)
    await page.waitForURL((url) => url.pathname === "/products")
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("製品/サービス")
    await expect(page.locator("tbody tr").textContent()).resolves.toContain(account.key)
  })

  it("adds a key: ライセンスキー, 製品情報を確認 with the agreement, then 「製品が追加されました。」", async () => {
    const account = await portal.server.registered()
    const [second] = await portal.server.issue(1, {
      productId: "business-security-services",
      packageId: "standard",
    })
    const page = await newPage(portal.browser, portal.server.baseUrl)
    await page.goto("/login")
    await signInThroughForm(page, account)
    await page.waitForURL((url) => url.pathname === "/products")
    await page.getByRole("link", { name: "+ キーの入力" }).click()
    await page.waitForURL((url) => url.pathname === "/products/add")
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("ライセンスキー")
    await expectAccessible(page)
    await screenshot(page, "add-key")

    // A mistyped key is refused on the spot, with the field it belongs to.
    const field = page.getByRole("textbox", {
      name: "アクティベーションコードまたはキーを入力してください。",
      exact: true,
    })
    await field.fill(`${second!.slice(0, -1)}${second!.endsWith("2") ? "3" : "2"}`)
    await page.getByRole("button", { name: "続行" }).click()
    await expect(page.locator(".error-summary a").textContent()).resolves.toBe(
      "キーに誤りがあります。納品物に記載のキーと1文字ずつ照らし合わせてください。",
    )
    await expectAccessible(page)

    await field.fill(second!)
    await page.getByRole("button", { name: "続行" }).click()
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("製品情報を確認")
    await expect(page.locator(".key-confirmation").textContent()).resolves.toContain(
      "ウイルスバスター ビジネスセキュリティサービス",
    )
    expect(page.url()).not.toContain(second!)
    await expectAccessible(page)
    await page.getByLabel("使用許諾契約書に同意します。").check()
    await page.getByRole("button", { name: "続行" }).click()

    await page.waitForURL((url) => url.pathname === "/products" && url.searchParams.get("notice") === "added")
    await expect(page.getByRole("status").textContent()).resolves.toContain("製品が追加されました。")
    await expect(rows(page)).resolves.toEqual([
      expect.objectContaining({ product: "Trend Micro Cloud App Security" }),
      expect.objectContaining({ product: "ウイルスバスター ビジネスセキュリティサービス" }),
    ])
    // The product-added mail goes to the support contact (the user, for this account).
    const mail = await portal.server.lastMailTo(account.user.email)
    expect(JSON.stringify(mail)).toContain(second!.slice(-4))
    expect(consoleProblems(page)).toEqual([])
  })

  it("shows each licence's status with its icon, words for screen readers, and the legend; in English too", async () => {
    // Far away, within the product's 30 days, and over: the last renewed by support to yesterday.
    const account = await portal.server.registered()
    const [soon, over] = await portal.server.issue(2, { expiresOn: tokyoDay(10) })
    const login = await portal.server.app.request(
      "/v1/sessions",
      json("POST", { loginId: account.loginId, password: account.password }),
    )
    expect(login.status).toBe(201)
    const { token } = (await login.json()) as { token: string }
    for (const key of [soon!, over!]) {
      const added = await portal.server.app.request(
        "/v1/licenses",
        json("POST", { licenseKey: key, acceptEula: true }, token),
      )
      expect(added.status).toBe(201)
    }
    await portal.server.runtime.runPromise(renewLicense(over!, tokyoDay(-1), operator))

    const page = await newPage(portal.browser, portal.server.baseUrl)
    await page.goto("/products")
    await signInThroughForm(page, account)
    await page.waitForURL((url) => url.pathname === "/products")
    const statuses = (await rows(page)).map((row) => row.status)
    expect(statuses.sort()).toEqual(["有効期限内", "有効期限切れ", "間もなく期限切れ"].sort())
    for (const row of await rows(page)) expect(row.iconHidden).toBe("true")
    await expect(page.locator("ul.legend").textContent()).resolves.toBe(
      "✓有効期限内⚠間もなく期限切れ✖有効期限切れ",
    )
    const headers = await page.locator("thead th").allTextContents()
    expect(headers).toEqual(["製品/サービス", "シート/ユーザ数", "ライセンス種別", "有効期限", "アクション"])
    const console = page.getByRole("link", { name: /^コンソールを開く/ }).first()
    await expect(console.getAttribute("href")).resolves.toBe("https://admin.cloudappsecurity.example/")
    await expect(console.getAttribute("rel")).resolves.toBe("noopener noreferrer")
    await expect(page.getByText(tokyoDay(10).replaceAll("-", "/")).count()).resolves.toBe(1)
    await expectAccessible(page)
    await screenshot(page, "products")

    // The same list in English.
    await page.getByRole("link", { name: /English/ }).click()
    await page.waitForURL((url) => url.pathname === "/products")
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Products/Services")
    expect((await rows(page)).map((row) => row.status).sort()).toEqual(["Expired", "Expiring soon", "Valid"])
    await expect(page.locator("thead th").allTextContents()).resolves.toEqual([
      "Product/Service",
      "Seats/Users",
      "Licence type",
      "Expiry date",
      "Action",
    ])
    await expect(page.getByRole("link", { name: "+ Enter a key" }).isVisible()).resolves.toBe(true)
    await expectAccessible(page)
    await screenshot(page, "products-en")
    expect(consoleProblems(page)).toEqual([])
  })
})
