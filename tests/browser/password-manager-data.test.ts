import { randomUUID } from "node:crypto"
import { Effect, TestClock, TestContext } from "effect"
import type { Page } from "playwright-core"
import { describe, expect, it } from "vitest"
import { scheduleSunset } from "../../application/catalog/sunsets.js"
import {
  activateVault,
  type ClientKey,
  createVaultApi,
  formatClientKey,
  memoryKeyStore,
  unlockVault,
  type VaultProduct,
} from "../../apps/vault-client/index.js"
import { instantFromMillis } from "../../domain/kernel/index.js"
import { json } from "../http/customer-app.js"
import { consoleProblems, expectAccessible, newPage, screenshot, signInThroughForm } from "./browser.js"
import { portalSuite } from "./portal-server.js"

// Manual 000's Password Manager data in the portal: the items shown with the client key, the CSV
// export before the end; after it the same page read-only, export disabled, and the import into
// ID Protection (issue 14) with the item it could not move listed, a second import adding nothing;
// then the same page in English.

const portal = portalSuite()
const operator = { actor: { kind: "operator" as const, id: "browser-test" } }

const signedInTo = async (page: Page, account: { loginId: string; password: string }, next: string) => {
  await page.goto(`/login?next=${encodeURIComponent(next)}`)
  await signInThroughForm(page, account)
  await page.waitForURL((url) => url.pathname === next)
}

describe("the Password Manager data in the browser", () => {
  it("shows the items, exports CSV before the end, and after it is read-only and imports into ID Protection", async () => {
    const account = await portal.server.registered()
    const login = await portal.server.app.request(
      "/v1/sessions",
      json("POST", { loginId: account.loginId, password: account.password }),
    )
    const { token } = (await login.json()) as { token: string }
    const access = (product: VaultProduct) => ({
      api: createVaultApi({
        baseUrl: portal.server.baseUrl,
        headers: { authorization: `Bearer ${token}` },
        fetch: (url, init) => Promise.resolve(portal.server.app.request(url, init)),
      }),
      product,
      device: { id: randomUUID(), name: "Old phone" },
      keyStore: memoryKeyStore(),
      password: account.password,
    })
    // What the Password Manager app stored, and the ID Protection vault the customer opened.
    const pm = await activateVault(access("password-manager"))
    await pm.session.save({
      baseVersion: 0,
      content: {
        kind: "login",
        title: "ネットバンキング",
        username: "hanako",
        password: "PIN-4321",
        url: "https://bank.example",
      },
    })
    await pm.session.save({ baseVersion: 0, content: { kind: "note", title: "Wi-Fi", text: "SSID home" } })
    // A kind ID Protection cannot hold: the import lists it instead of moving it.
    await pm.session.save({
      baseVersion: 0,
      content: { kind: "form", title: "自宅の住所", fields: [{ label: "氏名", value: "山田花子" }] },
    })
    const idp = await activateVault(access("id-protection"))
    const typed = (key: ClientKey) => formatClientKey(key)

    const page = await newPage(portal.browser, portal.server.baseUrl)
    // The ID Protection vault opened once in this browser: its key is kept here for the import.
    await signedInTo(page, account, "/vault/open")
    await page.locator("#vault-password").fill(account.password)
    await page.getByRole("textbox", { name: "クライアントキー", exact: true }).fill(typed(idp.clientKey))
    await page.getByRole("button", { name: "ロックを解除" }).click()
    await expect.poll(() => page.locator("[data-step=items]").isVisible()).toBe(true)

    await page.goto("/vault/password-manager")
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(
      "パスワードマネージャーのデータ",
    )
    await page.locator("#pm-password").fill(account.password)
    await page.getByRole("textbox", { name: "クライアントキー" }).fill(typed(pm.clientKey))
    await page.getByRole("button", { name: "表示" }).click()
    const rows = page.locator("table.pm-items tbody tr")
    await expect.poll(() => rows.count()).toBe(3)
    await expect(page.getByRole("rowheader", { name: "ネットバンキング" }).isVisible()).resolves.toBe(true)
    await expect(page.getByRole("cell", { name: "個人情報（フォーム入力）" }).isVisible()).resolves.toBe(true)
    // Read-only: no field to change and no button to save or delete.
    await expect(page.getByRole("button", { name: /保存|削除/ }).count()).resolves.toBe(0)
    await expectAccessible(page)
    await screenshot(page, "password-manager-data")

    // Before the end: the CSV is made in the page from the bundle.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "エクスポート (CSV)" }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^password-manager-\d{4}-\d{2}-\d{2}\.csv$/)
    const csv = await (await download.createReadStream()).toArray()
    const text = Buffer.concat(csv as Array<Buffer>).toString("utf8")
    expect(text.startsWith("kind,title,username,password,url,notes\r\n")).toBe(true)
    expect(text).toContain("login,ネットバンキング,hanako,PIN-4321,https://bank.example,")

    // The end passes: scheduled on the TestClock ten days ago for yesterday, so nothing waits for it.
    const now = Date.now()
    await portal.server.runtime.runPromise(
      Effect.gen(function* () {
        yield* TestClock.setTime(now - 10 * 86_400_000)
        yield* scheduleSunset(
          "password-manager",
          { endsAt: instantFromMillis(now - 86_400_000), successor: "id-protection", noticeLeadDays: 1 },
          operator,
        )
      }).pipe(Effect.provide(TestContext.TestContext)),
    )
    await page.reload()
    await expect(
      page.getByText("データは表示のみ（読み取り専用）で、エクスポートはできません。").isVisible(),
    ).resolves.toBe(true)
    await page.locator("#pm-password").fill(account.password)
    await page.getByRole("textbox", { name: "クライアントキー" }).fill(typed(pm.clientKey))
    await page.getByRole("button", { name: "表示" }).click()
    await expect.poll(() => rows.count()).toBe(3)
    const exportButton = page.getByRole("button", { name: "エクスポート (CSV)" })
    await expect(exportButton.isDisabled()).resolves.toBe(true)
    await expect(
      page.getByText("サービスの終了により、エクスポートは利用できません。").isVisible(),
    ).resolves.toBe(true)
    await expectAccessible(page)
    await screenshot(page, "password-manager-data-ended")

    const importButton = page.getByRole("button", { name: "ID プロテクションへインポート" })
    await importButton.click()
    await expect
      .poll(() => page.locator("[data-notice=pm]").textContent())
      .toBe("2 件を ID プロテクションにインポートしました。1 件は移行できませんでした。")
    const notMoved = page.getByRole("table", { name: "移行できなかった項目" })
    await expect(notMoved.getByRole("rowheader").allTextContents()).resolves.toEqual(["自宅の住所"])
    await expect(
      notMoved.getByRole("cell", { name: "ID プロテクションでは保存できない種類です" }).isVisible(),
    ).resolves.toBe(true)
    await expectAccessible(page)
    await screenshot(page, "password-manager-import")

    // Again: nothing is added twice.
    await importButton.click()
    await expect
      .poll(() => page.locator("[data-notice=pm]").textContent())
      .toBe(
        "0 件を ID プロテクションにインポートしました（2 件はインポート済みのため追加していません）。1 件は移行できませんでした。",
      )
    expect(consoleProblems(page)).toEqual([])

    // The same page in English: the read-only notice, the disabled export and the import's result.
    await page.goto("/language/en?back=/vault/password-manager")
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Password Manager data")
    await page.locator("#pm-password").fill(account.password)
    await page.getByRole("textbox", { name: "Client key" }).fill(typed(pm.clientKey))
    await page.getByRole("button", { name: "Show" }).click()
    await expect.poll(() => rows.count()).toBe(3)
    await expect(page.getByRole("button", { name: "Export (CSV)" }).isDisabled()).resolves.toBe(true)
    await page.getByRole("button", { name: "Import into ID Protection" }).click()
    await expect
      .poll(() => page.locator("[data-notice=pm]").textContent())
      .toBe("Imported into ID Protection: 0 (2 imported before, not added again). Could not be moved: 1.")
    const notMovedEn = page.getByRole("table", { name: "Items that could not be moved" })
    await expect(
      notMovedEn.getByRole("cell", { name: "ID Protection cannot store this kind of item" }).isVisible(),
    ).resolves.toBe(true)
    await expectAccessible(page)
    expect(consoleProblems(page)).toEqual([])

    // The ID Protection vault holds both now, under its own key; the old data is still there.
    const reopened = await unlockVault({ ...access("id-protection"), clientKey: idp.clientKey })
    expect((await reopened.session.items()).map((i) => i.content.title).sort()).toEqual([
      "Wi-Fi",
      "ネットバンキング",
    ])
    expect(await pm.session.items()).toHaveLength(3)
  })
})
