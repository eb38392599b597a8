import { describe, expect, it } from "vitest"
import { consoleProblems, expectAccessible, newPage, screenshot } from "./browser.js"
import { portalSuite } from "./portal-server.js"

const portal = portalSuite()

describe("signing in and out in the browser", () => {
  it("signs in with login ID and password, remembers the login ID, and signs out", async () => {
    const account = await portal.server.registered()
    const page = await newPage(portal.browser, portal.server.baseUrl)
    await page.goto("/")
    await expect(page.title()).resolves.toContain("ログイン")
    await expectAccessible(page)
    await screenshot(page, "sign-in")

    await page
      .getByRole("textbox", { name: "ログインID またはメールアドレス", exact: true })
      .fill(account.loginId)
    await page.getByRole("textbox", { name: "パスワード", exact: true }).fill(account.password)
    await page.getByLabel("ログインIDを記憶する").check()
    await page.getByRole("button", { name: "ログイン" }).click()
    // While 2FA is off, the manual's recommendation comes first (manual 003).
    await page.waitForURL((url) => url.pathname === "/two-factor/recommendation")
    expect(new URL(page.url()).searchParams.get("next")).toBe("/products")

    const cookies = await page.context().cookies()
    const session = cookies.find((cookie) => cookie.name === "portcullis-session")
    expect(session?.httpOnly).toBe(true)
    expect(session?.sameSite).toBe("Lax")
    await expect(page.evaluate("document.cookie")).resolves.toBe("")

    await expectAccessible(page)
    await screenshot(page, "two-factor-recommendation")

    await page.locator("summary", { hasText: account.loginId }).click()
    await page.getByRole("button", { name: "ログアウト" }).click()
    await page.waitForURL(/\/login\?notice=signed-out/)
    await expect(page.getByText("ログアウトしました。").isVisible()).resolves.toBe(true)
    await expect(
      page.getByRole("textbox", { name: "ログインID またはメールアドレス", exact: true }).inputValue(),
    ).resolves.toBe(account.loginId)
    // The session ended on the server: the page that needs one sends the browser to sign in.
    await page.goto("/two-factor/recommendation")
    expect(new URL(page.url()).pathname).toBe("/login")
    expect(consoleProblems(page)).toEqual([])
  })

  it("refuses a wrong password with the manual's message, keeping the login ID typed", async () => {
    const account = await portal.server.registered()
    const page = await newPage(portal.browser, portal.server.baseUrl)
    await page.goto("/login")
    await page
      .getByRole("textbox", { name: "ログインID またはメールアドレス", exact: true })
      .fill(account.loginId)
    await page.getByRole("textbox", { name: "パスワード", exact: true }).fill("Wrong-Passw0rd")
    await page.getByRole("button", { name: "ログイン" }).click()
    await expect(page.getByText("ログインIDまたはパスワードが正しくありません。").isVisible()).resolves.toBe(
      true,
    )
    await expect(
      page.getByRole("textbox", { name: "ログインID またはメールアドレス", exact: true }).inputValue(),
    ).resolves.toBe(account.loginId)
    await expectAccessible(page)
    // The 401 page is the answer, not a failed load.
    expect(consoleProblems(page)).toEqual([])
  })

  it("skips the 2FA recommendation for good only when asked not to show it again", async () => {
    const account = await portal.server.registered()
    const page = await newPage(portal.browser, portal.server.baseUrl)
    const signIn = async () => {
      await page.goto("/login")
      await page
        .getByRole("textbox", { name: "ログインID またはメールアドレス", exact: true })
        .fill(account.loginId)
      await page.getByRole("textbox", { name: "パスワード", exact: true }).fill(account.password)
      await page.getByRole("button", { name: "ログイン" }).click()
      await page.waitForURL((url) => url.pathname !== "/login")
      return new URL(page.url()).pathname
    }
    const signOut = async () => {
      await page.locator("summary", { hasText: account.loginId }).click()
      await page.getByRole("button", { name: "ログアウト" }).click()
      await page.waitForURL(/\/login/)
    }
    expect(await signIn()).toBe("/two-factor/recommendation")
    await page.getByRole("button", { name: "危険性を理解したうえで、スキップします" }).click()
    await page.waitForURL((url) => url.pathname === "/products")
    await page.goto("/two-factor/recommendation")
    await signOut()
    expect(await signIn()).toBe("/two-factor/recommendation")
    await page.getByLabel("今後このメッセージを表示しない").check()
    await page.getByRole("button", { name: "危険性を理解したうえで、スキップします" }).click()
    await page.waitForURL((url) => url.pathname === "/products")
    await page.goto("/two-factor/recommendation")
    await signOut()
    expect(await signIn()).toBe("/products")
  })

  it("asks to sign in again once the session has ended, and comes back to the page", async () => {
    const account = await portal.server.registered()
    const page = await newPage(portal.browser, portal.server.baseUrl)
    await page.goto("/login?next=/two-factor/recommendation")
    await page
      .getByRole("textbox", { name: "ログインID またはメールアドレス", exact: true })
      .fill(account.loginId)
    await page.getByRole("textbox", { name: "パスワード", exact: true }).fill(account.password)
    await page.getByRole("button", { name: "ログイン" }).click()
    await page.waitForURL((url) => url.pathname === "/two-factor/recommendation")
    // The session ends on the server, as the idle or absolute time-out ends it (tests/http/session-idle).
    const token = (await page.context().cookies()).find((c) => c.name === "portcullis-session")!.value
    const ended = await portal.server.app.request("/v1/sessions/current", {
      method: "DELETE",
      headers: { authorization: `Bearer ${token}` },
    })
    expect(ended.status).toBe(204)
    await page.reload()
    await page.waitForURL((url) => url.pathname === "/login")
    await expect(
      page.getByText("セッションの有効期限が切れました", { exact: false }).isVisible(),
    ).resolves.toBe(true)
    await expectAccessible(page)
    await screenshot(page, "sign-in-again")
    await page.getByRole("textbox", { name: "パスワード", exact: true }).fill(account.password)
    await page
      .getByRole("textbox", { name: "ログインID またはメールアドレス", exact: true })
      .fill(account.loginId)
    await page.getByRole("button", { name: "ログイン" }).click()
    await page.waitForURL((url) => url.pathname === "/two-factor/recommendation")
  })

  it("speaks English once chosen, and keeps to it", async () => {
    const page = await newPage(portal.browser, portal.server.baseUrl)
    await page.goto("/login")
    await page.getByRole("link", { name: /English/ }).click()
    await page.waitForURL(/\/login/)
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Log in")
    await page.reload()
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("en")
    await expectAccessible(page)
  })
})
