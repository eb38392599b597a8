import { PDFDocument } from "pdf-lib"
import type { Page } from "playwright-core"
import { describe, expect, it } from "vitest"
import { consoleProblems, expectAccessible, newPage, screenshot, signInThroughForm } from "./browser.js"
import { portalSuite } from "./portal-server.js"

// Manuals 000 and 001 in the browser: the 「保管庫」 settings page activates the vault with a key made
// in the page, the kit is saved as a PDF, an item is added; a second browser (a new device) signs in,
// types the key and reads the item, decrypted in the page. The server never sees the key.

const portal = portalSuite()

const pathOf = (page: Page) => new URL(page.url()).pathname

/** Everything a page sends: addresses, headers and bodies, to look for a key in. */
const sentBy = (page: Page) => {
  const sent: Array<string> = []
  page.on("request", (request) => {
    sent.push(request.url(), JSON.stringify(request.headers()), request.postData() ?? "")
  })
  return sent
}

/** The key in every spelling a page could send it: grouped, compact, lower case. */
const expectNeverSent = (sent: ReadonlyArray<string>, key: string) => {
  const compact = key.replace(/-/g, "")
  const spellings = [key, compact, key.toLowerCase(), compact.toLowerCase()]
  const found = sent.filter((text) => spellings.some((spelling) => text.includes(spelling)))
  expect(found, "requests carrying the client key").toEqual([])
  expect(
    sent.some((text) => text.includes("/vault/api/id-protection")),
    "the pages called the vault",
  ).toBe(true)
}

const signIn = async (page: Page, account: { loginId: string; password: string }, next: string) => {
  await page.goto(`/login?next=${encodeURIComponent(next)}`)
  await signInThroughForm(page, account)
  await page.waitForURL((url) => url.pathname === next)
}

describe("the vault in the browser", () => {
  it("activates with a key made in the page, saves the PDF kit, adds an item, and unlocks it on a second device with the typed key", async () => {
    const account = await portal.server.registered()
    const page = await newPage(portal.browser, portal.server.baseUrl)
    const sent = sentBy(page)
    await signIn(page, account, "/products")
    await page.getByRole("link", { name: "保管庫", exact: true }).click()
    await page.waitForURL((url) => url.pathname === "/vault")

    // Not activated: the explanation and [開始する].
    await expect(page.getByRole("heading", { name: "保管庫を有効にする" }).isVisible()).resolves.toBe(true)
    await expectAccessible(page)
    await screenshot(page, "vault-start")
    await page.getByRole("button", { name: "開始する" }).click()

    // The account password, and [続行]: a wrong one first.
    const password = page.getByLabel("パスワード", { exact: true })
    await password.fill("Not-the-password-1")
    await page.getByRole("button", { name: "続行" }).click()
    await expect
      .poll(() => page.locator("#vault-password-error").textContent())
      .toBe("パスワードが正しくありません。")
    await expectAccessible(page)
    await password.fill(account.password)
    await page.getByRole("button", { name: "続行" }).click()

    // The key in six groups, its QR code, [PDF で保存].
    const groups = page.locator("#new-key [data-key-groups] span")
    await expect.poll(() => groups.count()).toBe(6)
    const shownKey = (await groups.allTextContents()).join("-")
    expect(shownKey).toMatch(/^A[2-9A-HJKMNP-Z]{5}(-[2-9A-HJKMNP-Z]{6}){5}$/)
    portal.server.noteSecret(shownKey)
    portal.server.noteSecret(shownKey.replace(/-/g, ""))
    await expect
      .poll(() =>
        page
          .locator("#new-key [data-key-qr]")
          .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
      )
      .toBeGreaterThan(0)
    await expectAccessible(page)
    await screenshot(page, "vault-key")

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "PDF で保存" }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^ID Protection client key \d{5}\.pdf$/)
    const path = await download.path()
    const { readFileSync } = await import("node:fs")
    const pdf = await PDFDocument.load(readFileSync(path))
    expect(pdf.getPageCount()).toBe(1)

    // [保管庫に移動] only once 「保存しました」 is ticked.
    await page.getByRole("button", { name: "保管庫に移動" }).click()
    await expect.poll(() => page.locator('[data-notice="error"]').textContent()).toContain("保存しました")
    expect(pathOf(page)).toBe("/vault")
    await page.getByLabel("保存しました").check()
    await page.getByRole("button", { name: "保管庫に移動" }).click()
    await page.waitForURL((url) => url.pathname === "/vault/open")

    // This browser keeps the key: the password alone unlocks.
    await expect(
      page.getByRole("textbox", { name: "クライアントキー", exact: true }).isVisible(),
    ).resolves.toBe(false)
    await expectAccessible(page)
    await screenshot(page, "vault-locked")
    await page.locator("#vault-password").fill(account.password)
    await page.getByRole("button", { name: "ロックを解除" }).click()
    await expect.poll(() => page.getByRole("heading", { name: "保存している項目" }).isVisible()).toBe(true)

    // Add an item.
    await page.getByRole("button", { name: "追加" }).click()
    await page.getByLabel("タイトル").fill("ネットバンキング")
    await page.getByLabel("ユーザ名").fill("hanako")
    await page.locator("#item-password").fill("PIN-4321-secret")
    portal.server.noteSecret("PIN-4321-secret")
    await expectAccessible(page)
    await screenshot(page, "vault-item")
    await page.getByRole("button", { name: "保存", exact: true }).click()
    await expect
      .poll(() => page.locator("[data-items] li").allTextContents())
      .toEqual(["ネットバンキングログイン情報"])
    await expectAccessible(page)
    await screenshot(page, "vault-items")

    // The QR icon at the top right: the same key again, with [PDF で保存].
    await page.getByRole("button", { name: "クライアントキーと QR コードを表示" }).click()
    await expect
      .poll(async () =>
        (await page.locator("#current-key [data-key-groups] span").allTextContents()).join("-"),
      )
      .toBe(shownKey)
    await expectAccessible(page)
    await screenshot(page, "vault-show-key")
    // Chromium reports every refused fetch; the one refusal was the wrong password, on purpose.
    expect(consoleProblems(page)).toEqual([
      "Failed to load resource: the server responded with a status of 403 (Forbidden)",
    ])

    // A second device: a new browser profile signs in; the page asks for the key too.
    const other = await newPage(portal.browser, portal.server.baseUrl)
    const sentByOther = sentBy(other)
    await signIn(other, account, "/vault/open")
    const key = other.getByRole("textbox", { name: "クライアントキー", exact: true })
    await expect.poll(() => key.isVisible()).toBe(true)
    await other.locator("#vault-password").fill(account.password)
    // A typo (one character changed) is caught here, before the server is asked.
    const typo = shownKey.slice(0, 10) + (shownKey[10] === "Z" ? "Y" : "Z") + shownKey.slice(11)
    await key.fill(typo)
    await other.getByRole("button", { name: "ロックを解除" }).click()
    await expect
      .poll(() => other.locator("#vault-key-error").textContent())
      .toBe("クライアントキーの入力に誤りがあります。緊急キットのキーと見比べてください。")
    await expectAccessible(other)
    await screenshot(other, "vault-unlock-with-key")
    // Typed as an input method types it: full width, lower case, spaces for dashes.
    const wide = shownKey
      .toLowerCase()
      .replace(/-/g, " ")
      .replace(/[0-9a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
    await key.fill(wide)
    await other.getByRole("button", { name: "ロックを解除" }).click()
    await expect
      .poll(() => other.locator("[data-items] li button").allTextContents())
      .toEqual(["ネットバンキング"])
    await other.getByRole("button", { name: "ネットバンキング" }).click()
    await expect(other.getByLabel("ユーザ名").inputValue()).resolves.toBe("hanako")
    await expect(other.locator("#item-password").inputValue()).resolves.toBe("PIN-4321-secret")
    expect(consoleProblems(other)).toEqual([])

    // The settings page now shows the status and both devices.
    await page.goto("/vault")
    await expect(page.locator("[data-vault-state]").textContent()).resolves.toContain("有効")
    await expect(page.locator("[data-vault-devices] tbody tr").count()).resolves.toBe(2)
    await expect(page.locator("[data-vault-items]").textContent()).resolves.toBe("1")
    await expectAccessible(page)
    await screenshot(page, "vault-status")
    // The key was made, shown, typed and used in the pages; no request ever carried it, nor the
    // item's password (only its ciphertext).
    expectNeverSent(sent, shownKey)
    expectNeverSent(sentByOther, shownKey)
    expect([...sent, ...sentByOther].filter((text) => text.includes("PIN-4321-secret"))).toEqual([])
    await other.context().close()
  })
})

/** Activation as the first test walks it, in short: the key this browser made. */
const activated = async (page: Page, account: { loginId: string; password: string }) => {
  await signIn(page, account, "/vault")
  await page.getByRole("button", { name: "開始する" }).click()
  await page.getByLabel("パスワード", { exact: true }).fill(account.password)
  await page.getByRole("button", { name: "続行" }).click()
  const groups = page.locator("#new-key [data-key-groups] span")
  await expect.poll(() => groups.count()).toBe(6)
  const key = (await groups.allTextContents()).join("-")
  portal.server.noteSecret(key)
  portal.server.noteSecret(key.replace(/-/g, ""))
  await page.getByLabel("保存しました").check()
  await page.getByRole("button", { name: "保管庫に移動" }).click()
  await page.waitForURL((url) => url.pathname === "/vault/open")
  await page.locator("#vault-password").fill(account.password)
  await page.getByRole("button", { name: "ロックを解除" }).click()
  await expect.poll(() => page.getByRole("heading", { name: "保存している項目" }).isVisible()).toBe(true)
  return key
}

const addNote = async (page: Page, title: string, text: string) => {
  await page.getByRole("button", { name: "追加" }).click()
  await page.getByLabel("種類").selectOption("note")
  await page.getByLabel("タイトル").fill(title)
  await page.getByLabel("内容").fill(text)
  await page.getByRole("button", { name: "保存", exact: true }).click()
  await expect.poll(() => page.locator("[data-items] li button").allTextContents()).toContain(title)
}

const notice = (page: Page) => page.locator('[data-notice="vault"]').textContent()

describe("the vault on two devices", () => {
  it("reloads an item another device saved first, and after a key change there asks for the new key, read from the kit's QR image", async () => {
    const account = await portal.server.registered()
    const first = await newPage(portal.browser, portal.server.baseUrl)
    const key = await activated(first, account)
    await addNote(first, "Wi-Fi", "network-passphrase-1")
    portal.server.noteSecret("network-passphrase-1")

    const second = await newPage(portal.browser, portal.server.baseUrl)
    await signIn(second, account, "/vault/open")
    await second.locator("#vault-password").fill(account.password)
    await second.getByRole("textbox", { name: "クライアントキー", exact: true }).fill(key)
    await second.getByRole("button", { name: "ロックを解除" }).click()
    await expect.poll(() => second.locator("[data-items] li button").allTextContents()).toEqual(["Wi-Fi"])

    // Both open the note; the first saves; the second's save meets the conflict and gets the newest.
    await second.getByRole("button", { name: "Wi-Fi" }).click()
    await first.getByRole("button", { name: "Wi-Fi" }).click()
    await first.getByLabel("内容").fill("network-passphrase-2")
    portal.server.noteSecret("network-passphrase-2")
    await first.getByRole("button", { name: "保存", exact: true }).click()
    await expect.poll(() => notice(first)).toBe("保存しました。")
    await second.getByLabel("内容").fill("network-passphrase-3")
    await second.getByRole("button", { name: "保存", exact: true }).click()
    await expect.poll(() => notice(second)).toContain("この項目は別のデバイスで変更されました。")
    await expect(second.getByLabel("内容").inputValue()).resolves.toBe("network-passphrase-2")
    await expectAccessible(second)
    await screenshot(second, "vault-conflict")

    // The first device changes the key (items encrypted again) and shows the new kit.
    await first.getByRole("button", { name: "キーを変更" }).first().click()
    await first.locator("#rotate-password").fill(account.password)
    await expectAccessible(first)
    await screenshot(first, "vault-rotate")
    await first.locator("[data-rotate] button[type=submit]").click()
    const newGroups = first.locator("#new-key [data-key-groups] span")
    await expect.poll(() => newGroups.count()).toBe(6)
    const newKey = (await newGroups.allTextContents()).join("-")
    portal.server.noteSecret(newKey)
    portal.server.noteSecret(newKey.replace(/-/g, ""))
    expect(newKey).not.toBe(key)
    await expect.poll(() => notice(first)).toContain("クライアントキーを変更しました。")
    await expectAccessible(first)
    await screenshot(first, "vault-rotated")
    const [image] = await Promise.all([
      first.waitForEvent("download"),
      first.getByRole("button", { name: "画像で保存" }).click(),
    ])
    expect(image.suggestedFilename()).toMatch(/^IDP_CLIENT_KEY_EMERGENCY_KIT\d{7}\.png$/)
    const imagePath = await image.path()

    // The second device, still open with the old key: its next save meets the stale key and locks.
    await second.getByRole("button", { name: "保存", exact: true }).click()
    await expect
      .poll(() => second.locator("#vault-key-error").textContent())
      .toBe("キーが別のデバイスで変更されました。新しい緊急キットのキーを入力してください")
    await expect(second.locator("[data-items] li").count()).resolves.toBe(0)

    // Reloaded, it still keeps the old key: the password alone meets the stale key again.
    await second.goto("/vault/open")
    await second.locator("#vault-password").fill(account.password)
    await second.getByRole("button", { name: "ロックを解除" }).click()
    await expect
      .poll(() => second.locator("#vault-key-error").textContent())
      .toBe("キーが別のデバイスで変更されました。新しい緊急キットのキーを入力してください")
    await expectAccessible(second)
    await screenshot(second, "vault-key-stale")
    // 「QR コード画像を読み込む」: the new kit's PNG.
    await second.locator("#vault-qr").setInputFiles(imagePath)
    await expect
      .poll(() => second.getByRole("textbox", { name: "クライアントキー", exact: true }).inputValue())
      .toBe(newKey)
    await second.getByRole("button", { name: "ロックを解除" }).click()
    await expect.poll(() => second.locator("[data-items] li button").allTextContents()).toEqual(["Wi-Fi"])

    // Deleted on the second device, gone on the first after its next list.
    await second.getByRole("button", { name: "Wi-Fi" }).click()
    await second.getByRole("button", { name: "削除" }).click()
    await expect.poll(() => notice(second)).toBe("削除しました。")
    await expect(second.locator("[data-items-empty]").isVisible()).resolves.toBe(true)

    // The reset form, in English too.
    await first.goto("/vault/reset")
    await expectAccessible(first)
    await screenshot(first, "vault-reset")
    await first.goto("/language/en?back=/vault")
    await first.waitForURL((url) => url.pathname === "/vault")
    await expect(first.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Vault")
    await expectAccessible(first)
    await screenshot(first, "vault-status-en")
    await first.context().close()
    await second.context().close()
  })
})
