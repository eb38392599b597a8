import { describe, expect, it } from "vitest"
import { json, registration } from "../http/customer-app.js"
import { expectAccessible, newPage } from "./browser.js"
import { portalSuite } from "./portal-server.js"

// Every link of ours in an e-mail opens a page of the portal (PUBLIC_URL is where it lives), not
// raw JSON and not a 404. The reset link has its own walk-through in password-reset.test.ts.

const portal = portalSuite()

const linksOf = (text: string, base: string) =>
  [...new Set(text.match(/https?:\/\/[^\s"<>)]+/g) ?? [])].filter((url) => url.startsWith(base))

describe("the e-mails' links", () => {
  it("the registration mail's 'sign in to the portal' opens the portal's sign-in page", async () => {
    const [key] = await portal.server.issue()
    const form = registration(key!)
    expect((await portal.server.app.request("/v1/accounts", json("POST", form))).status).toBe(201)
    const mail = await portal.server.lastMailTo(form.user.email)
    const links = linksOf(`${mail.text}\n${mail.html ?? ""}`, portal.server.baseUrl)
    expect(links.length).toBeGreaterThan(0)
    const page = await newPage(portal.browser, portal.server.baseUrl)
    for (const link of links) {
      const response = await page.goto(link)
      expect(response?.status(), link).toBe(200)
      expect(response?.headers()["content-type"]).toMatch(/text\/html/)
      await expect(page.title()).resolves.toContain("Customer Licensing Portal")
    }
    expect(new URL(page.url()).pathname).toBe("/login")
    await expectAccessible(page)
  })
})
