import type { Page } from "playwright-core"
import { describe, expect, it } from "vitest"
import { consoleProblems, expectAccessible, newPage, screenshot, signInThroughForm } from "./browser.js"
import { portalSuite } from "./portal-server.js"

// Manual 004, STEP 2, 3–10 in the browser: the address typed twice, the code with the resend link
// counting down live, the password update, "Updated password successfully", and the sign-in with
// the address. The countdown is 3 s here (EMAIL_CODE_RESEND_SECONDS), the manual's 168 s by default.

const portal = portalSuite({ emailCodeResendSeconds: 3 })

const field = (page: Page, name: string) => page.getByRole("textbox", { name, exact: true })
const pathOf = (page: Page) => new URL(page.url()).pathname

const mailedCode = async (email: string) => {
  const code = /(?<!\d)(\d{6})(?!\d)/.exec((await portal.server.lastMailTo(email)).text)?.[1]
  expect(code, "a 6-digit code in the mail").toBeDefined()
  portal.server.noteSecret(code!)
  return code!
}

describe("the primary user account in the portal", () => {
  it("assigns the address, resends after the live countdown, verifies, updates the password and signs in with the address", async () => {
    const account = await portal.server.registered()
    const email = `primary.${Date.now()}@test.com`
    const newPassword = "Sora3Umi#Kaze"
    const page = await newPage(portal.browser, portal.server.baseUrl)
    await page.goto("/login?next=%2Fuser")
    await signInThroughForm(page, account)
    await page.goto("/user")
    await page.getByRole("link", { name: "プライマリユーザアカウント（メールアドレスでのログイン）" }).click()

    // Step 1: the address, typed twice.
    await page.waitForURL((url) => url.pathname === "/primary-user")
    await expect(
      page
        .getByRole("heading", { name: "プライマリユーザアカウントのメールアドレスを割り当てる" })
        .isVisible(),
    ).resolves.toBe(true)
    await expect(page.locator("main strong", { hasText: account.loginId }).isVisible()).resolves.toBe(true)
    await expectAccessible(page)
    await screenshot(page, "primary-user-assign")
    await field(page, "新しいアカウントのメールアドレス").fill(email)
    await field(page, "メールアドレス（確認）").fill(`x${email}`)
    await page.getByRole("button", { name: "Verify Email" }).click()
    await expect(
      page.getByText("メールアドレスと確認入力が一致しません。").first().isVisible(),
    ).resolves.toBe(true)
    await field(page, "メールアドレス（確認）").fill(email)
    await page.getByRole("button", { name: "Verify Email" }).click()

    // Step 2: the code, and the resend link that counts down and then works.
    await page.waitForURL((url) => url.pathname === "/primary-user")
    await expect(page.getByRole("heading", { name: "メールアドレスの検証" }).isVisible()).resolves.toBe(true)
    const resend = page.getByRole("button", { name: /ここをクリックして再送信/ })
    await expect(resend.isDisabled()).resolves.toBe(true)
    await expect(resend.textContent()).resolves.toMatch(/（[1-3]秒）/)
    await expectAccessible(page)
    await screenshot(page, "primary-user-verify")
    const first = await mailedCode(email)
    await expect.poll(() => resend.isEnabled(), { timeout: 6000 }).toBe(true)
    await expect(resend.textContent()).resolves.toBe("ここをクリックして再送信")
    await resend.click()
    await page.waitForURL((url) => url.search === "?notice=resent")
    await expect(
      page.getByText("新しい検証コードを送信しました。以前のコードは使用できません。").isVisible(),
    ).resolves.toBe(true)
    const second = await mailedCode(email)
    if (first !== second) {
      await field(page, "検証コード").fill(first)
      await page.getByRole("button", { name: "Submit" }).click()
      await expect(
        page
          .getByText(/検証コードが正しくありません。あと4回入力できます。/)
          .first()
          .isVisible(),
      ).resolves.toBe(true)
    }
    await field(page, "検証コード").fill(second)
    await page.getByRole("button", { name: "Submit" }).click()

    // Step 3: the password update.
    await page.waitForURL((url) => url.pathname === "/primary-user")
    await expect(page.getByRole("heading", { name: "パスワードの更新" }).isVisible()).resolves.toBe(true)
    await expectAccessible(page)
    await field(page, "現在のパスワード").fill(account.password)
    await field(page, "新しいパスワード").fill(newPassword)
    await field(page, "パスワード（確認）").fill(newPassword)
    await page.getByRole("button", { name: "Reset Password" }).click()

    await page.waitForURL((url) => url.pathname === "/primary-user/updated")
    await expect(page.getByText("Updated password successfully", { exact: true }).isVisible()).resolves.toBe(
      true,
    )
    await expectAccessible(page)
    await screenshot(page, "primary-user-updated")
    await page.getByRole("link", { name: "Close" }).click()

    // Step 10: the address signs in; the login ID no longer does.
    await page.waitForURL((url) => url.pathname === "/login")
    await signInThroughForm(page, { loginId: email, password: newPassword })
    expect(pathOf(page)).not.toBe("/login")
    await page.goto("/primary-user")
    await expect(page.getByText(`このアカウントは ${email} でログインします。`).isVisible()).resolves.toBe(
      true,
    )
    expect(consoleProblems(page)).toEqual([])
  })

  it("shows the manual's screens in English, the resend counting down in seconds", async () => {
    const account = await portal.server.registered()
    const email = `primary.en.${Date.now()}@test.com`
    const page = await newPage(portal.browser, portal.server.baseUrl)
    await page.goto("/login?next=%2Fprimary-user")
    await signInThroughForm(page, account)
    await page.goto("/primary-user")
    await page.getByRole("link", { name: /English/ }).click()
    await page.waitForURL((url) => url.pathname === "/primary-user")
    await expect(
      page.getByRole("heading", { name: "Assign the Primary User Account email address" }).isVisible(),
    ).resolves.toBe(true)
    await field(page, "New account email").fill(email)
    await field(page, "Confirm email").fill(email)
    await page.getByRole("button", { name: "Verify Email" }).click()
    await page.waitForURL((url) => url.pathname === "/primary-user")
    await expect(page.getByRole("heading", { name: "Verify Email Address" }).isVisible()).resolves.toBe(true)
    await expect(
      page.getByRole("button", { name: /click here to resend \([1-3]s\)/ }).isDisabled(),
    ).resolves.toBe(true)
    await expectAccessible(page)
    // The code's mail is in the account's language (Japanese), whatever the screen's.
    expect((await portal.server.lastMailTo(email)).subject).toContain("検証コード")
    expect(consoleProblems(page)).toEqual([])
  })
})
