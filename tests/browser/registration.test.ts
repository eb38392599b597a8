import type { Page } from "playwright-core"
import { describe, expect, it } from "vitest"
import { formatProductKey, makeProductKey } from "../../domain/licensing/product-key.js"
import { json, registration } from "../http/customer-app.js"
import { consoleProblems, expectAccessible, newPage, screenshot } from "./browser.js"
import { portalSuite } from "./portal-server.js"

// Manual 002, 初めて製品・ユーザ登録を行う: Step 2 one key → Step 3 製品情報を確認 → Step 4 the form →
// Step 5 signed in, on the product list with its message.

const portal = portalSuite()

const section = (page: Page, name: string) => page.getByRole("group", { name, exact: true })
const textbox = (scope: Page | ReturnType<Page["getByRole"]>, name: string) =>
  scope.getByRole("textbox", { name, exact: true })

/** Every required field of Step 4, rightly filled in. */
const fillInCorrectly = async (page: Page, loginId: string, email: string) => {
  const company = section(page, "会社情報")
  const user = section(page, "ユーザ登録情報")
  await textbox(company, "会社名").fill("サンプル株式会社")
  await textbox(company, "郵便番号").fill("1600022")
  await company.getByRole("combobox", { name: "都道府県" }).selectOption("東京都")
  await textbox(company, "会社住所1").fill("新宿区新宿4-1-6")
  await textbox(user, "アカウント名（ログインID）").fill(loginId)
  await page.locator("#f-password").fill("Kagi2Mori#Tsuki")
  await page.locator("#f-passwordConfirmation").fill("Kagi2Mori#Tsuki")
  await textbox(user, "メールアドレス").fill(email)
  await textbox(user, "担当者（氏名）").fill("山田 太郎")
  const phone = user.getByRole("group", { name: "電話番号" })
  await phone.getByRole("textbox", { name: "市外局番" }).fill("03")
  await phone.getByRole("textbox", { name: "番号" }).fill("12345678")
  await textbox(section(page, "購入先情報"), "会社名").fill("販売店株式会社")
  await textbox(page, "緊急連絡先メールアドレス").fill(`emergency-${email}`)
}

/** Opens the form of Step 4 for a new key, through Steps 2 and 3. */
const throughTheAgreement = async (page: Page, key: string) => {
  await page.goto("/register")
  await textbox(page, "製品またはサービスのキー").fill(key)
  await page.getByRole("button", { name: "続行" }).click()
  await page.getByLabel("使用許諾契約書に同意します。").check()
  await page.getByRole("button", { name: "続行" }).click()
  await page.waitForURL((url) => url.pathname === "/register/confirm")
}

describe("the first registration in the browser", () => {
  it("takes one key, shows its product with the agreement, refuses a form with every error listed, then creates the account and signs in", async () => {
    const [key] = await portal.server.issue()
    const page = await newPage(portal.browser, portal.server.baseUrl)

    // == Step 2: one key
    await page.goto("/login")
    await page.getByRole("link", { name: "製品・ユーザ登録を行う" }).click()
    await page.waitForURL((url) => url.pathname === "/register")
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("ユーザ登録")
    await expect(
      page
        .getByText(
          "製品またはサービスのキーを1つだけ入力してください。他の製品やサービスのキーは、アカウントの作成後に登録できます。",
        )
        .isVisible(),
    ).resolves.toBe(true)
    await expectAccessible(page)
    await screenshot(page, "register-key")
    // As typed from a certificate: lower case, no dashes.
    await textbox(page, "製品またはサービスのキー").fill(key!.replaceAll("-", "").toLowerCase())
    await page.getByRole("button", { name: "続行" }).click()

    // == Step 3: 製品情報を確認, the key in the body and never in the address
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("製品情報を確認")
    expect(page.url()).toBe(`${portal.server.baseUrl}/register`)
    const facts = page.locator(".key-confirmation")
    await expect(facts.textContent()).resolves.toContain(`レジストレーションキー: ${key}`)
    await expect(page.getByRole("heading", { level: 2 }).first().textContent()).resolves.toBe(
      "Trend Micro Cloud App Security",
    )
    for (const fact of [
      "パッケージ",
      "Cloud App Security 標準",
      "シート",
      "50",
      "有効期限",
      "2099/03/31",
      "ライセンス種別",
      "製品版",
    ]) {
      await expect(facts.getByText(fact, { exact: true }).isVisible()).resolves.toBe(true)
    }
    const privacy = page.getByRole("link", { name: /プライバシーポリシーをご確認ください/ })
    await expect(privacy.getAttribute("href")).resolves.toBe("/privacy")
    await expectAccessible(page)
    await screenshot(page, "register-confirm")
    // Not ticked: refused, with the reason.
    await page.getByRole("button", { name: "続行" }).click()
    await expect(page.getByRole("alert").textContent()).resolves.toContain(
      "使用許諾契約書に同意してください。",
    )
    await page.getByLabel("使用許諾契約書に同意します。").check()
    await page.getByRole("button", { name: "続行" }).click()

    // == Step 4: the five sections
    await page.waitForURL((url) => url.pathname === "/register/confirm")
    for (const name of ["会社情報", "ユーザ登録情報", "購入先情報", "緊急連絡先情報", "サポート窓口"]) {
      await expect(section(page, name).isVisible()).resolves.toBe(true)
    }
    // The support contact is the company's and the user's unless another is asked for.
    await expect(page.getByLabel("会社情報およびユーザ登録情報と同じ").isChecked()).resolves.toBe(true)
    const support = section(page, "サポート窓口")
    await expect(textbox(support, "会社名").isVisible()).resolves.toBe(false)
    await page.getByLabel("別のサポート窓口を指定する").check()
    await expect(textbox(support, "会社名").isVisible()).resolves.toBe(true)
    await page.getByLabel("会社情報およびユーザ登録情報と同じ").check()
    await expectAccessible(page)
    await screenshot(page, "register-form")

    // A first try with mistakes: a half-width kana, no postal code, passwords that differ.
    const company = section(page, "会社情報")
    const user = section(page, "ユーザ登録情報")
    await textbox(company, "会社名").fill("サンプル株式会社")
    await textbox(company, "会社名（フリガナ）").fill("ｻﾝﾌﾟﾙ")
    await company.getByRole("combobox", { name: "都道府県" }).selectOption("東京都")
    await textbox(company, "会社住所1").fill("新宿区新宿4-1-6")
    await textbox(user, "アカウント名（ログインID）").fill("ecss_browser")
    await page.locator("#f-password").fill("Kagi2Mori#Tsuki")
    await page.locator("#f-passwordConfirmation").fill("Kagi2Mori#Tsuku")
    await textbox(user, "メールアドレス").fill("browser-user@example.co.jp")
    await textbox(user, "担当者（氏名）").fill("山田 太郎")
    await page.getByRole("button", { name: "続行" }).click()

    const summary = page.locator(".error-summary")
    await expect(summary.isVisible()).resolves.toBe(true)
    // portal.js moves the focus to the summary, so it is what a screen reader reads first.
    await expect(page.evaluate("document.activeElement?.className")).resolves.toBe("error-summary")
    const links = summary.getByRole("link")
    const expected: ReadonlyArray<readonly [string, string]> = [
      ["会社情報 - 会社名（フリガナ）: 全角カタカナで入力してください。", "f-contractor-companyNameKana"],
      ["会社情報 - 郵便番号: 入力してください。", "f-contractor-postalCode"],
      [
        "ユーザ登録情報 - パスワードの確認入力: パスワードと確認入力が一致しません。",
        "f-passwordConfirmation",
      ],
      ["ユーザ登録情報 - 電話番号（市外局番）: 入力してください。", "f-user-phone-areaCode"],
      ["ユーザ登録情報 - 電話番号（番号）: 入力してください。", "f-user-phone-number"],
      ["購入先情報 - 会社名: 入力してください。", "f-purchaseSource-companyName"],
      ["緊急連絡先情報 - 緊急連絡先メールアドレス: 入力してください。", "f-emergencyContactEmail"],
    ]
    await expect(links.allTextContents()).resolves.toEqual(expected.map(([text]) => text))
    for (const [text, id] of expected) {
      await expect(summary.getByRole("link", { name: text }).getAttribute("href")).resolves.toBe(`#${id}`)
      await expect(page.locator(`#${id}`).count()).resolves.toBe(1)
    }
    // Following a link leads to its field, which says what is wrong with it.
    await summary.getByRole("link", { name: expected[1]![0] }).click()
    expect(new URL(page.url()).hash).toBe("#f-contractor-postalCode")
    await expect(page.locator("#f-contractor-postalCode-error").textContent()).resolves.toBe(
      "会社情報 - 郵便番号: 入力してください。",
    )
    await expect(page.locator("#f-contractor-postalCode").getAttribute("aria-invalid")).resolves.toBe("true")
    // What was typed is kept, but never a password.
    await expect(textbox(company, "会社名").inputValue()).resolves.toBe("サンプル株式会社")
    await expect(textbox(user, "アカウント名（ログインID）").inputValue()).resolves.toBe("ecss_browser")
    await expect(page.locator("#f-password").inputValue()).resolves.toBe("")
    await expect(page.locator("#f-passwordConfirmation").inputValue()).resolves.toBe("")
    await expectAccessible(page)
    await screenshot(page, "register-form-errors")

    // Put right, and sent again.
    await textbox(company, "会社名（フリガナ）").fill("サンプルカブシキガイシャ")
    await textbox(company, "郵便番号").fill("160-0022")
    await page.locator("#f-password").fill("Kagi2Mori#Tsuki")
    await page.locator("#f-passwordConfirmation").fill("Kagi2Mori#Tsuki")
    const phone = user.getByRole("group", { name: "電話番号" })
    await phone.getByRole("textbox", { name: "市外局番" }).fill("03")
    await phone.getByRole("textbox", { name: "番号" }).fill("1234-5678")
    await textbox(section(page, "購入先情報"), "会社名").fill("販売店株式会社")
    await textbox(page, "緊急連絡先メールアドレス").fill("browser-emergency@example.co.jp")
    await page.getByRole("button", { name: "続行" }).click()

    // == Step 5: signed in, on the list, with the manual's message
    await page.waitForURL((url) => url.pathname === "/products")
    expect(page.url()).not.toContain(key!)
    await expect(page.getByRole("status").textContent()).resolves.toContain(
      "アカウントが作成され、Trend Micro Cloud App Securityのライセンスが追加されました。",
    )
    await expect(page.locator("tbody tr").count()).resolves.toBe(1)
    await expect(page.locator("tbody tr").textContent()).resolves.toContain(key!)
    await expect(page.locator("summary", { hasText: "ecss_browser" }).isVisible()).resolves.toBe(true)
    await expectAccessible(page)
    // The support contact is the user here: the registration mail goes to the user's address.
    const mail = await portal.server.lastMailTo("browser-user@example.co.jp")
    expect(JSON.stringify(mail)).toContain("ecss_browser")
    expect(consoleProblems(page)).toEqual([])
  })

  it("tells an unknown, a mistyped and an already registered key apart", async () => {
    const [key] = await portal.server.issue()
    const page = await newPage(portal.browser, portal.server.baseUrl)
    const tryKey = async (typed: string) => {
      await page.goto("/register")
      await textbox(page, "製品またはサービスのキー").fill(typed)
      await page.getByRole("button", { name: "続行" }).click()
      return page.locator(".error-summary a").textContent()
    }
    // One character off: the check character catches it.
    const mistyped = `${key!.slice(0, -1)}${key!.endsWith("2") ? "3" : "2"}`
    await expect(tryKey(mistyped)).resolves.toBe(
      "キーに誤りがあります。納品物に記載のキーと1文字ずつ照らし合わせてください。",
    )
    await expect(tryKey("AB-CDEF")).resolves.toBe(
      "キーの文字数が正しくありません。納品物に記載のキーをご確認ください。",
    )
    // Well formed, but never issued.
    const neverIssued = formatProductKey(
      makeProductKey(
        "rk",
        Array.from({ length: 17 }, () => 0),
      ),
    )
    await expect(tryKey(neverIssued)).resolves.toBe(
      "入力されたキーは見つかりませんでした。納品物に記載のキーをご確認ください。",
    )
    await expectAccessible(page)

    // Registered by someone else while the form was being filled in: Step 4 says so.
    await throughTheAgreement(page, key!)
    const taken = await portal.server.app.request("/v1/accounts", json("POST", registration(key!)))
    expect(taken.status).toBe(201)
    await fillInCorrectly(page, "ecss_late", "late@example.co.jp")
    await page.getByRole("button", { name: "続行" }).click()
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("ユーザ登録")
    await expect(page.locator(".error-summary a").textContent()).resolves.toBe(
      "このキーはすでに登録されています。登録したログインIDでログインし、製品/サービスの一覧をご確認ください。",
    )
    // And Step 2 says it straight away.
    await expect(tryKey(key!)).resolves.toBe(
      "このキーはすでに登録されています。登録したログインIDでログインし、製品/サービスの一覧をご確認ください。",
    )
  })

  it("sends a customer who has a login ID to sign in and add the key there", async () => {
    const page = await newPage(portal.browser, portal.server.baseUrl)
    await page.goto("/register")
    await page.getByLabel("サービス/SaaS製品をご利用中のお客さま").check()
    // The key is not needed on this path: its field is tidied away.
    await expect(textbox(page, "製品またはサービスのキー").isVisible()).resolves.toBe(false)
    await page.getByRole("button", { name: "続行" }).click()
    await page.waitForURL((url) => url.pathname === "/login")
    expect(new URL(page.url()).searchParams.get("next")).toBe("/products/add")
  })
})
