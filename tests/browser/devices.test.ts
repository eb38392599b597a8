import { describe, expect, it } from "vitest"
import { json } from "../http/customer-app.js"
import { expectAccessible, newPage, screenshot, signInThroughForm } from "./browser.js"
import { portalSuite } from "./portal-server.js"

// The account's signed-in app devices in the portal: listed with their product, and signed out one
// at a time; the app of a signed-out device can no longer refresh.

const portal = portalSuite()

describe("signed-in devices in the browser", () => {
  it("lists the devices an app signed in on, and signs one out while the other stays", async () => {
    const account = await portal.server.registered()
    const signIn = async (deviceName: string) => {
      const answer = await portal.server.app.request(
        "/v1/app-sessions",
        json("POST", {
          loginId: account.loginId,
          password: account.password,
          productId: "cloud-app-security",
          deviceName,
        }),
      )
      expect(answer.status).toBe(201)
      return (await answer.json()) as { refreshToken: string; accessToken: string }
    }
    const phone = await signIn("Taro's Pixel")
    await signIn("Office laptop")

    const page = await newPage(portal.browser, portal.server.baseUrl)
    await page.goto("/login")
    await signInThroughForm(page, account)
    await page.locator("summary", { hasText: account.loginId }).click()
    await page.getByRole("link", { name: "ログイン中の端末" }).click()
    await page.waitForURL((url) => url.pathname === "/devices")
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("ログイン中の端末")
    const rows = page.locator("table.devices tbody tr")
    await expect(rows.count()).resolves.toBe(2)
    await expect(page.getByRole("rowheader", { name: "Taro's Pixel" }).isVisible()).resolves.toBe(true)
    await expect(rows.first().textContent()).resolves.toContain("Cloud App Security")
    await expectAccessible(page)
    await screenshot(page, "devices")

    await page.getByRole("button", { name: "Taro's Pixel をログアウト" }).click()
    await page.waitForURL((url) => url.pathname === "/devices")
    await expect(page.getByText("Taro's Pixel をログアウトしました。").isVisible()).resolves.toBe(true)
    await expect(rows.count()).resolves.toBe(1)
    await expect(page.getByRole("rowheader", { name: "Office laptop" }).isVisible()).resolves.toBe(true)
    await expectAccessible(page)

    // The phone's app finds itself signed out.
    const refused = await portal.server.app.request(
      "/v1/app-sessions/refresh",
      json("POST", { refreshToken: phone.refreshToken }),
    )
    expect(refused.status).toBe(401)
    expect(((await refused.json()) as { reason: string }).reason).toBe("by-account")

    // A second tab's form for the gone device: posted again, it says so and breaks nothing.
    await page
      .locator("table.devices input[name=device]")
      .first()
      .evaluate((input: { value: string }) => {
        input.value = "01900000-0000-7000-8000-000000000000"
      })
    await page.getByRole("button", { name: "Office laptop をログアウト" }).click()
    await page.waitForURL((url) => url.search === "?signedOut=")
    await expect(page.getByText("その端末はすでにログアウトしています。").isVisible()).resolves.toBe(true)

    await page.goto("/language/en?back=/devices")
    await page.waitForURL((url) => url.pathname === "/devices")
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Signed-in devices")
    await expect(page.getByRole("button", { name: "Sign out Office laptop" }).isVisible()).resolves.toBe(true)
  })
})
