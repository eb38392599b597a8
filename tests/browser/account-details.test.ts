import type { Page } from "playwright-core"
import { describe, expect, it } from "vitest"
import { bearer, json, type registration } from "../http/customer-app.js"
import { consoleProblems, expectAccessible, newPage, screenshot } from "./browser.js"
import { portalSuite } from "./portal-server.js"

// Manual 002: 会社情報を変更する (two tabs, each sent on its own) and ユーザ情報を変更する (with the
// password change and the way to 2FA).

const portal = portalSuite()

type Account = ReturnType<typeof registration>

const signIn = async (page: Page, account: Account, password = account.password) => {
  await page.goto("/login")
  await page
    .getByRole("textbox", { name: "ログインID またはメールアドレス", exact: true })
    .fill(account.loginId)
  await page.getByRole("textbox", { name: "パスワード", exact: true }).fill(password)
  await page.getByRole("button", { name: "ログイン" }).click()
  await page.waitForURL((url) => url.pathname !== "/login")
}

/** The account as the API reads it, with a bearer session of its own. */
const apiSession = async (account: Account) => {
  const response = await portal.server.app.request(
    "/v1/sessions",
    json("POST", { loginId: account.loginId, password: account.password }),
  )
  const { token } = (await response.json()) as { token: string }
  return {
    token,
    read: async () =>
      (await (await portal.server.app.request("/v1/account", bearer(token))).json()) as {
        contractor: Account["contractor"] & { address2?: string }
        supportContact: Account["contractor"] & { email: string }
        emergencyContactEmail: string
        user: Account["user"]
      },
  }
}

const textbox = (page: Page, name: string) => page.getByRole("textbox", { name, exact: true })
const saved = (page: Page) => page.getByRole("status").filter({ hasText: "変更が保存されました。" })
const currentTab = (page: Page) => page.locator('.tabs a[aria-current="page"]').textContent()

describe("company information: ご契約者 and サポート窓口", () => {
  it("sends each tab on its own: an edit left on the other tab is not saved", async () => {
    const account = await portal.server.registered()
    const api = await apiSession(account)
    const page = await newPage(portal.browser, portal.server.baseUrl)
    await signIn(page, account)

    // The menu's 会社 ▾ 会社情報, as the manual's Step 2.
    await page.locator("summary", { hasText: "会社" }).click()
    await page.getByRole("link", { name: "会社情報" }).click()
    await page.waitForURL((url) => url.pathname === "/company")
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("会社情報")
    await expect(currentTab(page)).resolves.toBe("ご契約者")
    await expect(textbox(page, "会社名").inputValue()).resolves.toBe(account.contractor.companyName)
    await expect(page.getByRole("combobox", { name: "都道府県" }).inputValue()).resolves.toBe("東京都")
    await expectAccessible(page)
    await screenshot(page, "company-contractor")

    // An edit on ご契約者, left unsent for the other tab, where an edit is sent.
    await textbox(page, "会社名").fill("送信しない株式会社")
    await page.getByRole("link", { name: "サポート窓口" }).click()
    await page.waitForURL((url) => url.pathname === "/company/support-contact")
    await expect(currentTab(page)).resolves.toBe("サポート窓口")
    await textbox(page, "会社名").fill("サポート株式会社")
    await textbox(page, "緊急連絡先メールアドレス").fill("night-desk@example.co.jp")
    await page.getByRole("button", { name: "送信" }).click()
    await page.waitForURL((url) => url.search === "?notice=saved")
    await expect(saved(page).isVisible()).resolves.toBe(true)
    await expect(textbox(page, "会社名").inputValue()).resolves.toBe("サポート株式会社")
    await expectAccessible(page)
    await screenshot(page, "company-support-contact")
    let stored = await api.read()
    expect(stored.supportContact.companyName).toBe("サポート株式会社")
    expect(stored.emergencyContactEmail).toBe("night-desk@example.co.jp")
    expect(stored.contractor.companyName).toBe(account.contractor.companyName)

    // Back on ご契約者: the unsent edit is gone; now the contractor is changed, the support contact stays.
    await page.getByRole("link", { name: "ご契約者" }).click()
    await page.waitForURL((url) => url.pathname === "/company")
    await expect(textbox(page, "会社名").inputValue()).resolves.toBe(account.contractor.companyName)
    await textbox(page, "会社名").fill("新社名株式会社")
    await page.getByRole("combobox", { name: "都道府県" }).selectOption("大阪府")
    await page.getByRole("button", { name: "送信" }).click()
    await page.waitForURL((url) => url.pathname === "/company" && url.search === "?notice=saved")
    await expect(saved(page).isVisible()).resolves.toBe(true)
    stored = await api.read()
    expect(stored.contractor).toMatchObject({ companyName: "新社名株式会社", prefecture: "大阪府" })
    expect(stored.supportContact.companyName).toBe("サポート株式会社")
    expect(consoleProblems(page)).toEqual([])
  })

  it("refuses a form with its reasons in Japanese, each linked to its field, keeping what was typed", async () => {
    const account = await portal.server.registered()
    const api = await apiSession(account)
    const page = await newPage(portal.browser, portal.server.baseUrl)
    await signIn(page, account)
    await page.goto("/company/support-contact")
    await textbox(page, "会社名").fill("")
    await textbox(page, "会社名（フリガナ）").fill("さぽーと")
    await textbox(page, "郵便番号").fill("12-34")
    const phone = page.getByRole("group", { name: /^電話番号/ })
    await phone.getByRole("textbox", { name: "市外局番" }).fill("3")
    await textbox(page, "緊急連絡先メールアドレス").fill("not-an-address")
    await page.getByRole("button", { name: "送信" }).click()

    const summary = page.getByRole("alert").filter({ hasText: "入力内容を確認してください" })
    await expect(summary.isVisible()).resolves.toBe(true)
    const reasons = await summary.getByRole("link").allTextContents()
    expect(reasons).toEqual([
      "会社名: 入力してください。",
      "会社名（フリガナ）: 全角カタカナで入力してください。",
      "郵便番号: 郵便番号は7桁の数字で入力してください（例: 123-4567）。",
      "電話番号（市外局番）: 市外局番は0から始まる数字で入力してください（例: 03）。",
      "緊急連絡先メールアドレス: 有効なメールアドレスを入力してください。",
    ])
    await expect(textbox(page, "会社名（フリガナ）").inputValue()).resolves.toBe("さぽーと")
    await expect(textbox(page, "緊急連絡先メールアドレス").inputValue()).resolves.toBe("not-an-address")
    await expect(textbox(page, "会社名（フリガナ）").getAttribute("aria-invalid")).resolves.toBe("true")
    // A reason's link takes the focus to its input.
    await summary.getByRole("link", { name: /^緊急連絡先メールアドレス/ }).click()
    await expect(page.evaluate("document.activeElement.id")).resolves.toBe("f-emergencyContactEmail")
    await expectAccessible(page)
    expect((await api.read()).supportContact.companyName).toBe(account.contractor.companyName)
  })

  it("says so when someone else changed the section after the form was shown, and overwrites nothing", async () => {
    const account = await portal.server.registered()
    const api = await apiSession(account)
    const page = await newPage(portal.browser, portal.server.baseUrl)
    await signIn(page, account)
    await page.goto("/company")
    await textbox(page, "会社住所2（ビル名）").fill("丸の内ビル3階")

    // Meanwhile, the contractor is changed through the API.
    const theirs = { ...account.contractor, companyName: "他社変更株式会社" }
    const put = await portal.server.app.request("/v1/account/contractor", json("PUT", theirs, api.token))
    expect(put.status).toBe(200)

    await page.getByRole("button", { name: "送信" }).click()
    const notice = page.getByRole("alert").filter({ hasText: "別の操作で変更されました" })
    await expect(notice.isVisible()).resolves.toBe(true)
    await expect(notice.textContent()).resolves.toContain("他社変更株式会社")
    await expect(textbox(page, "会社住所2（ビル名）").inputValue()).resolves.toBe("丸の内ビル3階")
    expect((await api.read()).contractor).toMatchObject({ companyName: "他社変更株式会社" })
    expect((await api.read()).contractor.address2).toBeUndefined()
    await expectAccessible(page)
    await screenshot(page, "company-changed-meanwhile")

    // Taking their name and keeping the address: sent again, it is saved.
    await textbox(page, "会社名").fill("他社変更株式会社")
    await page.getByRole("button", { name: "送信" }).click()
    await page.waitForURL((url) => url.search === "?notice=saved")
    expect((await api.read()).contractor).toMatchObject({
      companyName: "他社変更株式会社",
      address2: "丸の内ビル3階",
    })
  })

  it("is complete in English", async () => {
    const account = await portal.server.registered()
    const page = await newPage(portal.browser, portal.server.baseUrl)
    await signIn(page, account)
    await page.goto("/company")
    await page.getByRole("link", { name: /English/ }).click()
    await page.waitForURL((url) => url.pathname === "/company")
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Company information")
    await expect(currentTab(page)).resolves.toBe("Contractor")
    await expect(
      page.getByRole("combobox", { name: "Prefecture" }).locator("option:checked").textContent(),
    ).resolves.toBe("Tokyo")
    await page.getByRole("textbox", { name: "Company name", exact: true }).fill("")
    await page.getByRole("button", { name: "Submit" }).click()
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" })
    await expect(summary.getByRole("link").allTextContents()).resolves.toEqual(["Company name is required."])
    await expectAccessible(page)
    await page.getByRole("link", { name: "Support contact" }).click()
    await page.waitForURL((url) => url.pathname === "/company/support-contact")
    await expect(
      page.getByRole("textbox", { name: "Emergency contact e-mail address" }).inputValue(),
    ).resolves.toBe(account.emergencyContactEmail)
    await expectAccessible(page)
  })
})

describe("user registration information", () => {
  it("shows the login ID, the ways to the password and 2FA, and saves the user's details", async () => {
    const account = await portal.server.registered()
    const api = await apiSession(account)
    const page = await newPage(portal.browser, portal.server.baseUrl)
    await signIn(page, account)
    await page.locator("summary", { hasText: account.loginId }).click()
    await page.getByRole("link", { name: "ユーザ登録情報" }).click()
    await page.waitForURL((url) => url.pathname === "/user")
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("ユーザ登録情報")
    const facts = page.locator("dl.facts")
    await expect(facts.textContent()).resolves.toContain(account.loginId)
    // The login ID is shown, never an input.
    await expect(page.getByRole("textbox", { name: "ログインID" }).count()).resolves.toBe(0)
    await expect(facts.textContent()).resolves.toContain("無効")
    await expect(page.getByRole("link", { name: /^設定/ }).getAttribute("href")).resolves.toBe("/two-factor")
    await expect(page.getByRole("link", { name: "パスワードの変更" }).getAttribute("href")).resolves.toBe(
      "/user/password",
    )
    await expectAccessible(page)
    await screenshot(page, "user")

    await textbox(page, "メールアドレス").fill("new-address@example.co.jp")
    await textbox(page, "部署").fill("総務部")
    const phone = page.getByRole("group", { name: /^電話番号/ })
    await phone.getByRole("textbox", { name: "市外局番" }).fill("06")
    await phone.getByRole("textbox", { name: "番号" }).fill("1234-5678")
    const fax = page.getByRole("group", { name: /^FAX番号/ })
    await fax.getByRole("textbox", { name: "市外局番" }).fill("06")
    await fax.getByRole("textbox", { name: "番号" }).fill("87654321")
    await page.getByRole("button", { name: "送信" }).click()
    await page.waitForURL((url) => url.search === "?notice=saved")
    await expect(saved(page).isVisible()).resolves.toBe(true)
    // Shown as stored: the hyphen typed in the number is gone.
    await expect(phone.getByRole("textbox", { name: "番号" }).inputValue()).resolves.toBe("12345678")
    expect((await api.read()).user).toMatchObject({
      email: "new-address@example.co.jp",
      department: "総務部",
      phone: { areaCode: "06", number: "12345678" },
      fax: { areaCode: "06", number: "87654321" },
    })
    await expectAccessible(page)
    expect(consoleProblems(page)).toEqual([])
  })

  it("changes the password, ends the session, and signs in with the new one", async () => {
    const account = await portal.server.registered()
    const page = await newPage(portal.browser, portal.server.baseUrl)
    await signIn(page, account)
    await page.goto("/user")
    await page.getByRole("link", { name: "パスワードの変更" }).click()
    await page.waitForURL((url) => url.pathname === "/user/password")
    await expect(
      page
        .getByText("数字、大文字、小文字を使用した8文字以上25文字以下のパスワードを設定してください。")
        .isVisible(),
    ).resolves.toBe(true)
    await expect(page.getByText("すべての端末でログアウトします").isVisible()).resolves.toBe(true)
    await expectAccessible(page)
    await screenshot(page, "user-password")

    const fill = async (current: string, next: string, again: string) => {
      await textbox(page, "現在のパスワード").fill(current)
      await textbox(page, "新しいパスワード").fill(next)
      await textbox(page, "パスワードの確認入力").fill(again)
      await page.getByRole("button", { name: "送信" }).click()
    }
    const summary = page.getByRole("alert").filter({ hasText: "入力内容を確認してください" })
    await fill("Wrong-Passw0rd", "Atarashii9Kagi", "Atarashii9Kagi")
    await expect(summary.getByRole("link").allTextContents()).resolves.toEqual([
      "現在のパスワード: 現在のパスワードが正しくありません。",
    ])
    // Too short and without digits or capitals: the manual's one sentence says both, once.
    await fill(account.password, "zqxmv", "zqxmw")
    await expect(summary.getByRole("link").allTextContents()).resolves.toEqual([
      "新しいパスワード: 数字、大文字、小文字を使用した8文字以上25文字以下のパスワードを設定してください。",
      "パスワードの確認入力: パスワードと確認入力が一致しません。",
    ])
    // A refused password is never sent back to the browser.
    await expect(textbox(page, "新しいパスワード").inputValue()).resolves.toBe("")
    await expectAccessible(page)

    await fill(account.password, "Atarashii9Kagi", "Atarashii9Kagi")
    await page.waitForURL((url) => url.pathname === "/user/password/changed")
    await expect(page.getByText("ログインパスワードが変更されました。").isVisible()).resolves.toBe(true)
    await expectAccessible(page)
    // Every session ended, this one too: the pages that need one ask to sign in.
    await page.goto("/user")
    expect(new URL(page.url()).pathname).toBe("/login")
    await page.goto("/user/password/changed")
    await page.getByRole("link", { name: "OK" }).click()
    await page.waitForURL((url) => url.pathname === "/login")

    await page
      .getByRole("textbox", { name: "ログインID またはメールアドレス", exact: true })
      .fill(account.loginId)
    await page.getByRole("textbox", { name: "パスワード", exact: true }).fill(account.password)
    await page.getByRole("button", { name: "ログイン" }).click()
    await expect(page.getByText("ログインIDまたはパスワードが正しくありません。").isVisible()).resolves.toBe(
      true,
    )
    await signIn(page, account, "Atarashii9Kagi")
    await page.goto("/user")
    await expect(page.locator("dl.facts").textContent()).resolves.toContain(account.loginId)
    // Chromium logs the refused forms' 422 and 401 answers; nothing else may appear (no CSP violation).
    const problems = consoleProblems(page).filter((line) => !line.startsWith("Failed to load resource"))
    expect(problems).toEqual([])
  })
})
