import type { Page } from "playwright-core"
import { describe, expect, it } from "vitest"
import { consoleProblems, expectAccessible, newPage, screenshot } from "./browser.js"
import { portalSuite } from "./portal-server.js"

const portal = portalSuite()

/** Ticks the box and waits until the widget has solved its challenge in its worker. */
const proveNotARobot = async (page: Page, label = "私はロボットではありません") => {
  await page.getByRole("checkbox", { name: label }).click()
  await page.locator('.altcha[data-state="verified"]').waitFor()
  await expect(page.locator('input[name="altcha"]').inputValue()).resolves.not.toBe("")
}

/** The link of the newest reset mail to `address`, as the customer clicks it. */
const resetLinkTo = async (address: string) => {
  const mail = await portal.server.lastMailTo(address)
  const token = new RegExp(`${portal.server.baseUrl}/password-reset/([A-Za-z0-9_-]+)`).exec(mail.text)?.[1]
  expect(token, mail.text).toBeDefined()
  portal.server.noteSecret(token!)
  return `/password-reset/${token}`
}

describe("resetting a forgotten password in the browser", () => {
  it("asks by e-mail address with the proof of work, opens the mailed link, sets the password once", async () => {
    const account = await portal.server.registered()
    const page = await newPage(portal.browser, portal.server.baseUrl)
    await page.goto("/login")
    await page.getByRole("link", { name: "パスワードのリセット (パスワードをお忘れの場合)" }).click()
    await page.waitForURL((url) => url.pathname === "/password-reset")
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      "パスワードのリセット (パスワードをお忘れの場合)",
    )
    await expectAccessible(page)
    await screenshot(page, "password-reset-request")

    await page
      .getByRole("textbox", { name: "ログインIDまたはメールアドレス", exact: true })
      .fill(account.user.email)
    await proveNotARobot(page)
    await expectAccessible(page)
    await page.getByRole("button", { name: "送信" }).click()
    await page.waitForURL((url) => url.pathname === "/password-reset-sent")
    expect(consoleProblems(page)).toEqual([])
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      "メールを確認してください",
    )
    // The same words whether or not an account matched: the page names no address.
    await expect(page.locator("main").textContent()).resolves.not.toContain(account.user.email)
    await expectAccessible(page)
    await screenshot(page, "password-reset-sent")
    await page.getByRole("link", { name: "戻る" }).click()
    await page.waitForURL((url) => url.pathname === "/login")

    const link = await resetLinkTo(account.user.email)
    await page.goto(link)
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("パスワードのリセット")
    await expect(page.locator("dl.reset-account dd").textContent()).resolves.toBe(account.loginId)
    await expect(
      page
        .getByText("数字、大文字、小文字を使用した8文字以上25文字以下のパスワードを設定してください。")
        .isVisible(),
    ).resolves.toBe(true)
    await expectAccessible(page)
    await screenshot(page, "password-reset-new")

    // Two passwords that differ: the summary names the confirmation and takes the focus.
    await page.getByRole("textbox", { name: "新しいパスワード", exact: true }).fill("Reset9Himitsu")
    await page.getByRole("textbox", { name: "パスワードの確認入力", exact: true }).fill("Reset9Himitsv")
    await page.getByRole("button", { name: "送信" }).click()
    const summary = page.getByRole("alert").filter({ hasText: "入力内容を確認してください" })
    await summary.waitFor()
    await expect(page.evaluate("document.activeElement?.classList.contains('error-summary')")).resolves.toBe(
      true,
    )
    const problem = summary.getByRole("link", {
      name: "パスワードの確認入力: パスワードと確認入力が一致しません。",
    })
    await expect(problem.getAttribute("href")).resolves.toBe("#f-newPasswordConfirmation")
    await expect(page.locator("dl.reset-account dd").textContent()).resolves.toBe(account.loginId)
    await expectAccessible(page)
    await screenshot(page, "password-reset-mismatch")

    await page.getByRole("textbox", { name: "新しいパスワード", exact: true }).fill("Reset9Himitsu")
    await page.getByRole("textbox", { name: "パスワードの確認入力", exact: true }).fill("Reset9Himitsu")
    await page.getByRole("button", { name: "送信" }).click()
    await page.waitForURL((url) => url.pathname === "/password-reset-done")
    await expect(page.getByText("ログインパスワードが変更されました。").isVisible()).resolves.toBe(true)
    await expectAccessible(page)
    await screenshot(page, "password-reset-done")
    await page.getByRole("link", { name: "OK" }).click()
    await page.waitForURL((url) => url.pathname === "/login")

    await page
      .getByRole("textbox", { name: "ログインID またはメールアドレス", exact: true })
      .fill(account.loginId)
    await page.getByRole("textbox", { name: "パスワード", exact: true }).fill("Reset9Himitsu")
    await page.getByRole("button", { name: "ログイン" }).click()
    await page.waitForURL((url) => url.pathname === "/two-factor/recommendation")

    // The link worked once.
    await page.goto(link)
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      "このリンクは使用できません",
    )
    await expectAccessible(page)
    await screenshot(page, "password-reset-invalid")
    await page.getByRole("link", { name: "パスワードのリセットをもう一度申し込む" }).click()
    await page.waitForURL((url) => url.pathname === "/password-reset")
    // The 422 and 404 pages are answers, not failed loads: nothing else went wrong.
    expect(consoleProblems(page)).toEqual([])
  })

  it("refuses a request sent without ticking the box, and sends it once ticked", async () => {
    const account = await portal.server.registered()
    const page = await newPage(portal.browser, portal.server.baseUrl)
    await page.goto("/password-reset")
    await page
      .getByRole("textbox", { name: "ログインIDまたはメールアドレス", exact: true })
      .fill(account.loginId)
    await page.getByRole("button", { name: "送信" }).click()
    const summary = page.getByRole("alert").filter({ hasText: "入力内容を確認してください" })
    await summary.waitFor()
    await expect(summary.textContent()).resolves.toContain(
      "「私はロボットではありません」にチェックを入れてから送信してください。",
    )
    await expect(
      page.getByRole("textbox", { name: "ログインIDまたはメールアドレス", exact: true }).inputValue(),
    ).resolves.toBe(account.loginId)
    await expectAccessible(page)
    await proveNotARobot(page)
    await page.getByRole("button", { name: "送信" }).click()
    await page.waitForURL((url) => url.pathname === "/password-reset-sent")
    // Asked by login ID, the mail still goes to the user's address.
    await expect(resetLinkTo(account.user.email)).resolves.toMatch(/^\/password-reset\//)
    expect(consoleProblems(page)).toEqual([])
  })

  it("without JavaScript: says the check needs it, and refuses the request, sending nothing", async () => {
    const account = await portal.server.registered()
    const context = await portal.browser.newContext({
      baseURL: portal.server.baseUrl,
      locale: "ja-JP",
      viewport: { width: 1280, height: 900 },
      javaScriptEnabled: false,
    })
    const page = await context.newPage()
    await page.goto("/password-reset")
    // Playwright's text locators skip <noscript>, which this browser renders.
    const notice = page.locator(".work-check noscript .notice")
    await expect(notice.isVisible()).resolves.toBe(true)
    await expect(notice.textContent()).resolves.toContain("この確認にはJavaScriptが必要です。")
    // (axe needs to run a script in the page: it checks this screen in the tests above.)
    await screenshot(page, "password-reset-no-script")
    await page
      .getByRole("textbox", { name: "ログインIDまたはメールアドレス", exact: true })
      .fill(account.user.email)
    await page.getByRole("button", { name: "送信" }).click()
    await page.waitForLoadState()
    expect(new URL(page.url()).pathname).toBe("/password-reset")
    await expect(
      page
        .getByRole("link", { name: "「私はロボットではありません」にチェックを入れてから送信してください。" })
        .isVisible(),
    ).resolves.toBe(true)
    // The newest mail to the user is still the registration's: no reset link was sent.
    await expect(portal.server.lastMailTo(account.user.email)).resolves.toMatchObject({
      subject: expect.not.stringMatching(/リセット/),
    })
    await context.close()
  })

  it("speaks English once chosen, the widget too", async () => {
    const page = await newPage(portal.browser, portal.server.baseUrl)
    await page.goto("/password-reset")
    await page.getByRole("link", { name: /English/ }).click()
    await page.waitForURL((url) => url.pathname === "/password-reset")
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      "Reset your password (if you forgot it)",
    )
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("en")
    await proveNotARobot(page, "I'm not a robot")
    await expect(page.locator(".altcha").textContent()).resolves.toContain("Verified")
    await expectAccessible(page)
    await screenshot(page, "password-reset-request-en")
    expect(consoleProblems(page)).toEqual([])
  })
})
