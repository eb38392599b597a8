import jsQRModule from "jsqr"
import * as OTPAuth from "otpauth"
import type { Page } from "playwright-core"
import { PNG } from "pngjs"
import { describe, expect, it } from "vitest"
import { bearer, json, type registration } from "../http/customer-app.js"
import { consoleProblems, expectAccessible, newPage, screenshot } from "./browser.js"
import { portalSuite } from "./portal-server.js"

// jsqr is CommonJS with an ES-style default: under NodeNext the import is its module object.
const jsQR = jsQRModule.default

// Manual 003 in the browser: set-up by scanning the QR code on the page, sign-in with the app's code,
// the lost-device paths (an e-mailed emergency code, a recovery code), turning 2FA off.

const portal = portalSuite()

type Account = ReturnType<typeof registration>

/** The manual's mask of the registered address (`abc*****@***.co.jp`). */
const masked = (email: string) => `${email.slice(0, 3)}*****@***.co.jp`

const codeIn = (text: string, digits: number) => {
  const code = new RegExp(`(?<!\\d)(\\d{${digits}})(?!\\d)`).exec(text)?.[1]
  expect(code, `a ${digits}-digit code in the mail`).toBeDefined()
  portal.server.noteSecret(code!)
  return code!
}

const mailedCode = async (email: string, digits: number) =>
  codeIn((await portal.server.lastMailTo(email)).text, digits)

const step = (at = Date.now()) => Math.floor(at / 30_000)

/** The authenticator app: the code of a step (only later steps than the last one used are accepted). */
const codeAt = (totp: OTPAuth.TOTP, atStep: number) => totp.generate({ timestamp: atStep * 30_000 })

const field = (page: Page, name: string) => page.getByRole("textbox", { name, exact: true })

const pathOf = (page: Page) => new URL(page.url()).pathname

const cookie = async (page: Page, name: string) =>
  (await page.context().cookies()).find((c) => c.name === name)

const signIn = async (page: Page, account: Account, next = "/two-factor") => {
  await page.goto(`/login?next=${encodeURIComponent(next)}`)
  await field(page, "ログインID またはメールアドレス").fill(account.loginId)
  await field(page, "パスワード").fill(account.password)
  await page.getByRole("button", { name: "ログイン" }).click()
  await page.waitForURL((url) => url.pathname !== "/login")
}

const signOut = async (page: Page, account: Account) => {
  await page.locator("summary", { hasText: account.loginId }).click()
  await page.getByRole("button", { name: "ログアウト" }).click()
  await page.waitForURL(/\/login/)
}

/** The QR code as the page shows it, read from a screenshot of the image, as a phone's camera would. */
const scanQr = async (page: Page) => {
  const image = page.locator("img[data-qr-code]")
  await expect
    .poll(() =>
      image.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).naturalWidth),
    )
    .toBeGreaterThan(0)
  const png = PNG.sync.read(await image.screenshot())
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
  expect(decoded, "a QR code in the image").not.toBeNull()
  return decoded!.data
}

/** 2FA on through the JSON API (the set-up in the browser is tested once, below). */
const enabledByApi = async (account: Account) => {
  const login = await portal.server.app.request(
    "/v1/sessions",
    json("POST", { loginId: account.loginId, password: account.password }),
  )
  const { token } = (await login.json()) as { token: string }
  expect(
    (await portal.server.app.request("/v1/account/two-factor/verification-email", json("POST", {}, token)))
      .status,
  ).toBe(202)
  const emailCode = await mailedCode(account.user.email, 6)
  const enrolled = await portal.server.app.request(
    "/v1/account/two-factor/enrollment",
    json("POST", { emailCode }, token),
  )
  const { otpauthUri } = (await enrolled.json()) as { otpauthUri: string }
  const totp = OTPAuth.URI.parse(otpauthUri) as OTPAuth.TOTP
  const activatedAt = step()
  const activated = await portal.server.app.request(
    "/v1/account/two-factor/activation",
    json("POST", { code: codeAt(totp, activatedAt) }, token),
  )
  expect(activated.status).toBe(200)
  const { recoveryCodes } = (await activated.json()) as { recoveryCodes: Array<string> }
  await portal.server.app.request("/v1/sessions/current", bearer(token, "DELETE"))
  return { totp, activatedAt, recoveryCodes }
}

describe("two-factor authentication in the browser", () => {
  it("sets 2FA up from the recommendation, scanning the QR code on the page, and signs in with the app's code", async () => {
    const account = await portal.server.registered()
    const page = await newPage(portal.browser, portal.server.baseUrl)
    await signIn(page, account, "/products")
    expect(pathOf(page)).toBe("/two-factor/recommendation")
    await page.getByRole("link", { name: "2要素認証設定を行う" }).click()

    // 2要素認証: 状況: 無効
    await page.waitForURL((url) => url.pathname === "/two-factor")
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("2要素認証")
    await expect(page.locator("[data-two-factor-status]").textContent()).resolves.toBe("無効")
    await expectAccessible(page)
    await screenshot(page, "two-factor-status-off")
    await page.getByRole("link", { name: "2要素認証を有効にする" }).click()

    // メールアドレスを確認 → 登録メール確認コード
    await page.waitForURL((url) => url.pathname === "/two-factor/setup")
    await expect(page.getByRole("heading", { name: "メールアドレスを確認" }).isVisible()).resolves.toBe(true)
    await expect(page.getByText(masked(account.user.email), { exact: true }).isVisible()).resolves.toBe(true)
    await expectAccessible(page)
    await screenshot(page, "two-factor-verify-email")
    await page.getByRole("button", { name: "確認メールを送信" }).click()
    await page.waitForURL((url) => url.pathname === "/two-factor/setup/code")
    await expect(page.getByRole("heading", { name: "登録メール確認コード" }).isVisible()).resolves.toBe(true)
    await expectAccessible(page)
    const emailCode = await mailedCode(account.user.email, 6)
    // A wrong code says how many tries are left, and costs no more than one.
    await field(page, "登録メール確認コード").fill(emailCode === "000000" ? "111111" : "000000")
    await page.getByRole("button", { name: "続行" }).click()
    await expect(page.getByText("あと4回入力できます。", { exact: false }).first().isVisible()).resolves.toBe(
      true,
    )
    await expectAccessible(page)
    // Typed with a Japanese input method: full-width digits are the same code.
    await field(page, "登録メール確認コード").fill(
      emailCode.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
    )
    await page.getByRole("button", { name: "続行" }).click()

    // Google認証システムアプリを設定する: ①②③, the QR code only when asked for
    await page.waitForURL((url) => url.pathname === "/two-factor/setup/app")
    for (const heading of [
      "Google認証システムアプリを設定する",
      "① Google認証システムアプリをインストールする",
      "② Google認証システムアプリにアカウントを追加する",
      "③ アカウントが正しく設定されたことを確認する",
    ]) {
      await expect(page.getByRole("heading", { name: heading }).isVisible(), heading).resolves.toBe(true)
    }
    await expect(page.locator("img[data-qr-code]").count()).resolves.toBe(0)
    await expectAccessible(page)
    await page.getByRole("button", { name: "QRコードを表示する" }).click()
    await page.waitForURL((url) => url.searchParams.get("qr") === "1")
    const uri = await scanQr(page)
    expect(uri).toMatch(/^otpauth:\/\/totp\//)
    const totp = OTPAuth.URI.parse(uri) as OTPAuth.TOTP
    portal.server.noteSecret(totp.secret.base32)
    expect(totp.label).toBe(account.loginId)
    // The same secret as text, for the apps that take it typed (manual 003's Windows and Mac pages).
    const shown = (await page.locator("[data-secret]").textContent())!.replace(/\s/g, "")
    expect(shown).toBe(totp.secret.base32)
    await expectAccessible(page)
    await screenshot(page, "two-factor-qr")

    const activatedAt = step()
    await field(page, "6桁のコード").fill(codeAt(totp, activatedAt))
    await page.getByRole("button", { name: "2要素認証を有効にする" }).click()

    // Enabled, with the recovery codes shown this once
    await page.waitForURL((url) => url.pathname === "/two-factor/setup/app")
    await expect(page.locator("[data-two-factor-status]").textContent()).resolves.toBe("有効")
    await expect(page.getByText("2要素認証を有効にしました。", { exact: false }).isVisible()).resolves.toBe(
      true,
    )
    await expect(page.getByText("今回だけ表示されます", { exact: false }).isVisible()).resolves.toBe(true)
    const recoveryCodes = await page.locator("[data-recovery-codes] code").allTextContents()
    expect(recoveryCodes).toHaveLength(10)
    for (const code of recoveryCodes) portal.server.noteSecret(code)
    for (const text of ["Google認証システムアプリ", masked(account.user.email), "緊急アクセスコード"]) {
      await expect(page.getByText(text, { exact: false }).first().isVisible(), text).resolves.toBe(true)
    }
    await expect(page.getByRole("link", { name: "無効にする" }).isVisible()).resolves.toBe(true)
    await expect(page.getByRole("link", { name: "デバイスの変更" }).isVisible()).resolves.toBe(true)
    await expectAccessible(page)
    await screenshot(page, "two-factor-enabled")
    // Never shown again: the status page lists how many are left, not the codes.
    await page.getByRole("link", { name: "保存しました" }).click()
    await page.waitForURL((url) => url.pathname === "/two-factor")
    await expect(page.locator("[data-recovery-codes]").count()).resolves.toBe(0)
    await expect(page.getByText("残り10個").isVisible()).resolves.toBe(true)
    // The set-up is over: its QR code is gone.
    expect((await page.request.get("/two-factor/setup/qr.png")).status()).toBe(404)

    // Signing in now takes the app's code (確認コード)
    await signOut(page, account)
    await signIn(page, account)
    expect(pathOf(page)).toBe("/login/two-factor")
    expect(await cookie(page, "portcullis-session")).toBeUndefined()
    expect((await cookie(page, "portcullis-challenge"))?.httpOnly).toBe(true)
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("確認コード")
    await expectAccessible(page)
    await screenshot(page, "sign-in-code")
    await field(page, "6桁のコード").fill(codeAt(totp, activatedAt - 10))
    await page.getByRole("button", { name: "送信" }).click()
    await expect(page.getByText("あと4回入力できます。", { exact: false }).first().isVisible()).resolves.toBe(
      true,
    )
    await expectAccessible(page)
    // The step after the activation's: a code already used is never accepted again.
    await field(page, "6桁のコード").fill(codeAt(totp, Math.max(activatedAt + 1, step())))
    await page.getByRole("button", { name: "送信" }).click()
    await page.waitForURL((url) => url.pathname === "/two-factor")
    await expect(page.locator("[data-two-factor-status]").textContent()).resolves.toBe("有効")
    expect((await cookie(page, "portcullis-session"))?.httpOnly).toBe(true)
    expect(await cookie(page, "portcullis-challenge")).toBeUndefined()
    expect(consoleProblems(page)).toEqual([])
  })

  it("signs in with an e-mailed emergency access code, advises setting 2FA up again, and turns it off", async () => {
    const account = await portal.server.registered()
    await enabledByApi(account)
    const page = await newPage(portal.browser, portal.server.baseUrl)
    await signIn(page, account)
    expect(pathOf(page)).toBe("/login/two-factor")
    await page.getByRole("link", { name: "緊急アクセスコードをメールで送信" }).click()

    await page.waitForURL((url) => url.pathname === "/login/two-factor/emergency")
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      "緊急アクセスコードをメールで送信",
    )
    await expect(page.getByText(masked(account.user.email), { exact: true }).isVisible()).resolves.toBe(true)
    await expectAccessible(page)
    await page.getByRole("button", { name: "メールを送信" }).click()

    await page.waitForURL((url) => url.pathname === "/login/two-factor/emergency-code")
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("緊急アクセスコード")
    await expect(
      page
        .getByText(`緊急アクセスコードを次のアドレスに送信しました ${masked(account.user.email)}`, {
          exact: false,
        })
        .isVisible(),
    ).resolves.toBe(true)
    await expectAccessible(page)
    await screenshot(page, "emergency-code")
    await field(page, "緊急アクセスコード").fill(await mailedCode(account.user.email, 8))
    await page.getByRole("button", { name: "送信" }).click()

    // Signed in, and told (the application's advice) to set 2FA up again
    await page.waitForURL((url) => url.pathname === "/two-factor")
    expect(new URL(page.url()).searchParams.get("notice")).toBe("emergency-login")
    await expect(
      page.getByText("緊急アクセスコードでログインしました。", { exact: false }).isVisible(),
    ).resolves.toBe(true)
    expect(await cookie(page, "portcullis-challenge")).toBeUndefined()
    await expectAccessible(page)

    // The manual's way on: ユーザ登録情報 › 2要素認証 「設定」 › 「無効にする」, confirmed on a page of
    // its own with the password again
    await page.locator("summary", { hasText: account.loginId }).click()
    await page.getByRole("link", { name: "ユーザ登録情報" }).click()
    await page.waitForURL((url) => url.pathname === "/user")
    await page.getByRole("link", { name: /^設定/ }).click()
    await page.waitForURL((url) => url.pathname === "/two-factor")
    await page.getByRole("link", { name: "無効にする" }).click()
    await page.waitForURL((url) => url.pathname === "/two-factor/disable")
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("2要素認証を無効にする")
    await expect(page.getByText("2要素認証を無効にしますか?").isVisible()).resolves.toBe(true)
    await expect(page.getByRole("link", { name: "キャンセル" }).isVisible()).resolves.toBe(true)
    await expectAccessible(page)
    await field(page, "パスワード").fill("Wrong-Passw0rd")
    await page.getByRole("button", { name: "無効にする" }).click()
    await expect(page.getByText("パスワードが正しくありません。").first().isVisible()).resolves.toBe(true)
    await expectAccessible(page)
    await field(page, "パスワード").fill(account.password)
    await page.getByRole("button", { name: "無効にする" }).click()
    await page.waitForURL((url) => url.pathname === "/two-factor")
    await expect(page.getByText("2要素認証を無効にしました。").isVisible()).resolves.toBe(true)
    await expect(page.locator("[data-two-factor-status]").textContent()).resolves.toBe("無効")

    // Off again: the password alone signs in (and 2FA is recommended again)
    await signOut(page, account)
    await signIn(page, account)
    expect(pathOf(page)).toBe("/two-factor/recommendation")
    expect(consoleProblems(page)).toEqual([])
  })

  it("signs in with a recovery code typed in any case without its dashes, and issues new ones", async () => {
    const account = await portal.server.registered()
    const { recoveryCodes } = await enabledByApi(account)
    const page = await newPage(portal.browser, portal.server.baseUrl)
    await signIn(page, account)
    await page.getByRole("link", { name: "リカバリコードを使用する" }).click()
    await page.waitForURL((url) => url.pathname === "/login/two-factor/recovery")
    await expectAccessible(page)
    const [code] = recoveryCodes
    await page.getByRole("textbox", { name: "リカバリコード" }).fill(code!.replace(/-/g, "").toUpperCase())
    await page.getByRole("button", { name: "送信" }).click()
    await page.waitForURL((url) => url.pathname === "/two-factor")
    await expect(page.getByText("残り9個").isVisible()).resolves.toBe(true)

    // Ten new codes, behind the password, shown once; the old ones stop working.
    await page.getByRole("link", { name: "リカバリコードを再発行する" }).click()
    await page.waitForURL((url) => url.pathname === "/two-factor/recovery-codes")
    await expectAccessible(page)
    await field(page, "パスワード").fill(account.password)
    await page.getByRole("button", { name: "発行する" }).click()
    const fresh = await page.locator("[data-recovery-codes] code").allTextContents()
    expect(fresh).toHaveLength(10)
    for (const code of fresh) portal.server.noteSecret(code)
    expect(fresh).not.toContain(recoveryCodes[1])
    await expect(page.getByText("以前のリカバリコードは使用できなくなりました。").isVisible()).resolves.toBe(
      true,
    )
    await expectAccessible(page)

    await signOut(page, account)
    await signIn(page, account)
    await page.getByRole("link", { name: "リカバリコードを使用する" }).click()
    await page.getByRole("textbox", { name: "リカバリコード" }).fill(recoveryCodes[1]!)
    await page.getByRole("button", { name: "送信" }).click()
    await expect(page.getByText("あと4回入力できます。", { exact: false }).first().isVisible()).resolves.toBe(
      true,
    )
  })

  it("changes the device: the same set-up, and only the new app's codes work afterwards", async () => {
    const account = await portal.server.registered()
    const old = await enabledByApi(account)
    const page = await newPage(portal.browser, portal.server.baseUrl)
    await signIn(page, account)
    await field(page, "6桁のコード").fill(codeAt(old.totp, Math.max(old.activatedAt + 1, step())))
    await page.getByRole("button", { name: "送信" }).click()
    await page.waitForURL((url) => url.pathname === "/two-factor")
    await page.getByRole("link", { name: "デバイスの変更" }).click()
    await page.waitForURL((url) => url.pathname === "/two-factor/setup")
    await expect(page.getByText("新しいデバイスを設定します。", { exact: false }).isVisible()).resolves.toBe(
      true,
    )
    await page.getByRole("button", { name: "確認メールを送信" }).click()
    await page.waitForURL((url) => url.pathname === "/two-factor/setup/code")
    await field(page, "登録メール確認コード").fill(await mailedCode(account.user.email, 6))
    await page.getByRole("button", { name: "続行" }).click()
    await page.waitForURL((url) => url.pathname === "/two-factor/setup/app")
    await page.getByRole("button", { name: "QRコードを表示する" }).click()
    const fresh = OTPAuth.URI.parse(await scanQr(page)) as OTPAuth.TOTP
    portal.server.noteSecret(fresh.secret.base32)
    expect(fresh.secret.base32).not.toBe(old.totp.secret.base32)
    const changedAt = step()
    await field(page, "6桁のコード").fill(codeAt(fresh, changedAt))
    await page.getByRole("button", { name: "デバイスを変更する" }).click()
    await page.waitForURL((url) => url.searchParams.get("notice") === "device-changed")
    await expect(page.getByText("デバイスを変更しました。", { exact: false }).isVisible()).resolves.toBe(true)
    await expectAccessible(page)

    await signOut(page, account)
    await signIn(page, account)
    await field(page, "6桁のコード").fill(codeAt(old.totp, Math.max(changedAt + 1, step())))
    await page.getByRole("button", { name: "送信" }).click()
    await expect(page.getByText("あと4回入力できます。", { exact: false }).first().isVisible()).resolves.toBe(
      true,
    )
    await field(page, "6桁のコード").fill(codeAt(fresh, Math.max(changedAt + 1, step())))
    await page.getByRole("button", { name: "送信" }).click()
    await page.waitForURL((url) => url.pathname === "/two-factor")
    expect(consoleProblems(page)).toEqual([])
  })

  it("locks the login after five wrong codes and sends the browser back to sign in", async () => {
    const account = await portal.server.registered()
    const { totp, activatedAt } = await enabledByApi(account)
    const page = await newPage(portal.browser, portal.server.baseUrl)
    await signIn(page, account)
    const wrong = codeAt(totp, activatedAt - 10)
    for (const left of [4, 3, 2, 1]) {
      await field(page, "6桁のコード").fill(wrong)
      await page.getByRole("button", { name: "送信" }).click()
      await expect(
        page.getByText(`あと${left}回入力できます。`, { exact: false }).first().isVisible(),
      ).resolves.toBe(true)
    }
    await field(page, "6桁のコード").fill(wrong)
    await page.getByRole("button", { name: "送信" }).click()
    await expect(page.getByText("試行回数が上限に達しました。", { exact: false }).isVisible()).resolves.toBe(
      true,
    )
    expect(await cookie(page, "portcullis-challenge")).toBeUndefined()
    await expectAccessible(page)
    await page.getByRole("link", { name: "ログイン画面に戻る" }).click()
    await page.waitForURL((url) => url.pathname === "/login")
    // Until the lock ends, the right password alone is told to wait, as the code page said.
    await field(page, "ログインID またはメールアドレス").fill(account.loginId)
    await field(page, "パスワード").fill(account.password)
    await page.getByRole("button", { name: "ログイン" }).click()
    await expect(page.getByText("試行回数が上限に達しました。", { exact: false }).isVisible()).resolves.toBe(
      true,
    )
    expect(pathOf(page)).toBe("/login")
    expect(consoleProblems(page)).toEqual([])
  })

  it("speaks English on the status page once chosen", async () => {
    const account = await portal.server.registered()
    await enabledByApi(account)
    const page = await newPage(portal.browser, portal.server.baseUrl)
    await page.goto("/login")
    await page.getByRole("link", { name: /English/ }).click()
    await page.waitForURL(/\/login/)
    await page.getByRole("textbox", { name: "Login ID or e-mail address", exact: true }).fill(account.loginId)
    await page.getByRole("textbox", { name: "Password", exact: true }).fill(account.password)
    await page.getByRole("button", { name: "Log in" }).click()
    await page.waitForURL((url) => url.pathname === "/login/two-factor")
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Verification code")
    await page.getByRole("link", { name: "Use a recovery code" }).click()
    await page.getByRole("link", { name: "Back", exact: true }).click()
    await page.getByRole("link", { name: "Send an emergency access code by e-mail" }).click()
    await page.getByRole("button", { name: "Send e-mail" }).click()
    await page
      .getByRole("textbox", { name: "Emergency access code" })
      .fill(await mailedCode(account.user.email, 8))
    await page.getByRole("button", { name: "Submit" }).click()
    await page.waitForURL((url) => url.pathname === "/two-factor")
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      "Two-factor authentication",
    )
    await expect(page.locator("[data-two-factor-status]").textContent()).resolves.toBe("On")
    for (const text of [
      "Google Authenticator app",
      "Registered e-mail address:",
      "Change device",
      "Turn off",
    ]) {
      await expect(page.getByText(text, { exact: true }).first().isVisible(), text).resolves.toBe(true)
    }
    await expectAccessible(page)
    await screenshot(page, "two-factor-status-en")
    expect(consoleProblems(page)).toEqual([])
  })
})
