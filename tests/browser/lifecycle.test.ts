import { describe, expect, it } from "vitest"
import { scheduleSunset } from "../../application/catalog/sunsets.js"
import { instantFromMillis } from "../../domain/kernel/index.js"
import { json } from "../http/customer-app.js"
import { expectAccessible, newPage, screenshot, signInThroughForm } from "./browser.js"
import { portalSuite } from "./portal-server.js"

// Manual 000's notice in the portal: before the Password Manager ends, the products page says when
// and what to do; after, what is left and where to go. The portal's own session keeps working.

const portal = portalSuite()
const operator = { actor: { kind: "operator" as const, id: "browser-test" } }

/** A registered account that also holds a Password Manager licence. */
const passwordManagerHolder = async () => {
  const account = await portal.server.registered()
  const [pmKey] = await portal.server.issue(1, { productId: "password-manager", packageId: "annual" })
  const login = await portal.server.app.request(
    "/v1/sessions",
    json("POST", { loginId: account.loginId, password: account.password }),
  )
  const { token } = (await login.json()) as { token: string }
  const added = await portal.server.app.request(
    "/v1/licenses",
    json("POST", { licenseKey: pmKey, acceptEula: true }, token),
  )
  expect(added.status).toBe(201)
  return account
}

const schedule = (endsAt: number) =>
  portal.server.runtime.runPromise(
    scheduleSunset(
      "password-manager",
      { endsAt: instantFromMillis(endsAt), successor: "id-protection" },
      operator,
    ),
  )

describe("a product's end in the portal", () => {
  it("says before the end when it comes and what to do, and after it what is left", async () => {
    const account = await passwordManagerHolder()
    await schedule(Date.UTC(2099, 10, 15, 15))
    const page = await newPage(portal.browser, portal.server.baseUrl)
    await page.goto("/products")
    await signInThroughForm(page, account)
    await page.waitForURL((url) => url.pathname === "/products")
    const banner = page.locator(".sunset-banner")
    await expect(banner.count()).resolves.toBe(1)
    const before = await banner.textContent()
    expect(before).toContain("パスワードマネージャーは2099年11月16日")
    expect(before).toContain("にサービスの提供を終了します。")
    expect(before).toContain("エクスポートしてください")
    expect(before).toContain("今後はID プロテクションをご利用ください。")
    await expectAccessible(page)
    await screenshot(page, "sunset-banner")

    // The end moved to a moment from now, then passed: the same session sees the product ended.
    const endsAt = Date.now() + 1500
    await schedule(endsAt)
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, endsAt - Date.now() + 100)))
    await page.reload()
    expect(new URL(page.url()).pathname).toBe("/products")
    const after = await page.locator(".sunset-banner").textContent()
    expect(after).toContain("パスワードマネージャーのサービスは")
    expect(after).toContain("に終了しました。")
    expect(after).toContain("インポートは引き続き可能です")
    await expectAccessible(page)
    await screenshot(page, "sunset-ended-banner")
  })

  it("shows no banner to an account that does not hold the ending product", async () => {
    const account = await portal.server.registered()
    const page = await newPage(portal.browser, portal.server.baseUrl)
    await page.goto("/products")
    await signInThroughForm(page, account)
    await page.waitForURL((url) => url.pathname === "/products")
    await expect(page.locator(".sunset-banner").count()).resolves.toBe(0)
  })
})
