import type { Page } from "playwright-core"
import { describe, expect, it } from "vitest"
import { newPage, signInThroughForm } from "./browser.js"
import { portalSuite } from "./portal-server.js"

// Decision 43: the browser keeps each account's client key in IndexedDB. A vault reset makes that
// entry useless, and the activation page (shown only when no vault is active) forgets it, so the next
// vault is never offered the old key; another account's entry in the same browser stays.

const portal = portalSuite()

const signIn = async (page: Page, account: { loginId: string; password: string }) => {
  await page.goto("/login?next=%2Fvault")
  await signInThroughForm(page, account)
  await page.waitForURL((url) => url.pathname === "/vault")
}

// The page's key database, read and written as the page itself would (the scripts run in the page;
// this project's tests compile without the DOM's types, hence the text).
const openKeys = `new Promise((resolve, reject) => {
  const r = indexedDB.open("portcullis-vault", 1)
  r.onupgradeneeded = () => r.result.createObjectStore("keys")
  r.onerror = () => reject(r.error)
  r.onsuccess = () => resolve(r.result)
})`

/** The names of the entries in the page's key database. */
const entryNames = (page: Page): Promise<Array<string>> =>
  page.evaluate(`${openKeys}.then((db) => new Promise((resolve, reject) => {
    const keys = db.transaction("keys", "readonly").objectStore("keys").getAllKeys()
    keys.onerror = () => reject(keys.error)
    keys.onsuccess = () => { db.close(); resolve(keys.result.map(String).sort()) }
  }))`)

/** Puts a sealed-looking entry under a name, as an earlier vault's key would be kept. */
const keepEntry = (page: Page, name: string): Promise<void> =>
  page.evaluate(`${openKeys}.then((db) => new Promise((resolve, reject) => {
    const tx = db.transaction("keys", "readwrite")
    tx.objectStore("keys").put({ iv: new Uint8Array(12), ciphertext: new ArrayBuffer(32) }, ${JSON.stringify(name)})
    tx.oncomplete = () => { db.close(); resolve() }
    tx.onerror = () => reject(tx.error)
  }))`)

describe("the browser's kept vault keys", () => {
  it("forgets this account's key on the activation page and keeps another account's", async () => {
    const account = await portal.server.registered()
    const page = await newPage(portal.browser, portal.server.baseUrl)
    await signIn(page, account)
    await page.getByRole("button", { name: "開始する" }).waitFor()
    const scope = await page.locator("[data-vault]").getAttribute("data-scope")
    expect(scope, "the page names the account its keys are kept under").toMatch(/.+/)

    await keepEntry(page, `${scope}:id-protection`)
    await keepEntry(page, "another-account:id-protection")
    await expect(entryNames(page)).resolves.toEqual(
      [`${scope}:id-protection`, "another-account:id-protection"].sort(),
    )

    await page.reload()
    await page.getByRole("button", { name: "開始する" }).waitFor()
    await expect.poll(() => entryNames(page)).toEqual(["another-account:id-protection"])
  })
})
