import { describe, expect, it } from "vitest"
import { expectAccessible, newPage, screenshot, signInThroughForm } from "./browser.js"
import { portalSuite } from "./portal-server.js"

// Manual 000's consumer products in the portal: a Password Manager or ID Protection key opens a
// personal account (an address and a password, no company form), which signs in with its address
// and has no company menu.

const portal = portalSuite()

describe("a personal account in the browser", () => {
  it("registers with a consumer key and an address, signs in with the address, and has no company pages", async () => {
    const [key] = await portal.server.issue(1, { productId: "id-protection", packageId: "annual" })
    const email = `hanako.${Date.now()}@example.jp`
    const page = await newPage(portal.browser, portal.server.baseUrl)

    await page.goto("/register")
    await page.getByRole("textbox", { name: "製品またはサービスのキー", exact: true }).fill(key!)
    await page.getByRole("button", { name: "続行" }).click()
    await page.getByLabel("使用許諾契約書に同意します。").check()
    await page.getByRole("button", { name: "続行" }).click()
    await page.waitForURL((url) => url.pathname === "/register/confirm")

    // The consumer product's form: the address and the password, no company sections.
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("アカウントの作成")
    await expect(page.getByRole("group", { name: "会社情報" }).count()).resolves.toBe(0)
    await expect(page.locator(".registering").textContent()).resolves.toContain("ID プロテクション")
    await expectAccessible(page)
    await screenshot(page, "register-personal")

    // A first try with mistakes: not an address, passwords that differ.
    await page.getByRole("textbox", { name: "メールアドレス" }).fill("hanako at example")
    await page.locator("#f-password").fill("Kagi2Mori#Tsuki")
    await page.locator("#f-passwordConfirmation").fill("Kagi2Mori#Tsuk")
    await page.getByRole("button", { name: "続行" }).click()
    await page.waitForURL((url) => url.pathname === "/register/personal")
    const summary = await page.getByRole("alert").textContent()
    expect(summary).toContain("メールアドレス")
    expect(summary).toContain("パスワードの確認入力")
    await expectAccessible(page)
    // What was typed stays, except the passwords.
    await expect(page.getByRole("textbox", { name: "メールアドレス" }).inputValue()).resolves.toBe(
      "hanako at example",
    )

    await page.getByRole("textbox", { name: "メールアドレス" }).fill(email)
    await page.locator("#f-password").fill("Kagi2Mori#Tsuki")
    await page.locator("#f-passwordConfirmation").fill("Kagi2Mori#Tsuki")
    await page.getByRole("button", { name: "続行" }).click()
    await page.waitForURL((url) => url.pathname === "/products")
    await expect(page.getByRole("cell", { name: "ID プロテクション" }).first().isVisible()).resolves.toBe(
      true,
    )
    // No company in the menu of a personal account.
    await expect(page.getByText("会社", { exact: true }).count()).resolves.toBe(0)

    // Out, and in again with the address, typed in capitals.
    await page.locator("summary", { hasText: email }).click()
    await page.getByRole("button", { name: "ログアウト" }).click()
    await page.waitForURL((url) => url.pathname === "/login")
    await expect(
      page.getByRole("textbox", { name: "ログインID またはメールアドレス" }).isVisible(),
    ).resolves.toBe(true)
    await signInThroughForm(page, { loginId: email.toUpperCase(), password: "Kagi2Mori#Tsuki" })
    await page.waitForURL((url) => url.pathname === "/products")

    // ユーザ登録情報 shows the address it signs in with; the company pages lead there too.
    await page.goto("/company")
    await page.waitForURL((url) => url.pathname === "/user/personal")
    await expect(page.locator("dl.facts").textContent()).resolves.toContain(email)
    await expect(page.getByRole("link", { name: "パスワードの変更" }).isVisible()).resolves.toBe(true)
    await expectAccessible(page)
    await screenshot(page, "user-personal")
  })
})
