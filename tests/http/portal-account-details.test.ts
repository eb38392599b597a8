import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { bearer, customerApp, json, registration } from "./customer-app.js"

// The account-details forms as a browser without JavaScript posts them: what the version in the
// form protects against (and what it lets through), and what a password change does to sessions.

let server: Awaited<ReturnType<typeof customerApp>>
beforeAll(async () => {
  server = await customerApp({ portal: true })
})
afterAll(() => server?.close())

/** A browser's cookies and the CSRF token of the last page it read. */
const browser = () => {
  const jar = new Map<string, string>()
  let token = ""
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";")
      const [name, ...value] = pair!.split("=")
      if (/Max-Age=0/i.test(line)) jar.delete(name!)
      else jar.set(name!, value.join("="))
    }
  }
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ")
  return {
    get: async (path: string) => {
      const response = await server.app.request(path, { headers: { cookie: cookie() } })
      keep(response)
      const html = await response.text()
      token = html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? token
      return { status: response.status, html, location: response.headers.get("location") }
    },
    post: async (path: string, fields: Record<string, string>) => {
      const response = await server.app.request(path, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
        body: new URLSearchParams({ _csrf: token, ...fields }).toString(),
      })
      keep(response)
      return {
        status: response.status,
        html: await response.text(),
        location: response.headers.get("location"),
      }
    },
  }
}

const signedIn = async () => {
  const [key] = await server.issue()
  const account = registration(key!)
  expect((await server.app.request("/v1/accounts", json("POST", account))).status).toBe(201)
  const page = browser()
  await page.get("/login")
  const login = await page.post("/login", { loginId: account.loginId, password: account.password })
  expect(login.status).toBe(303)
  const api = await server.app.request(
    "/v1/sessions",
    json("POST", { loginId: account.loginId, password: account.password }),
  )
  const { token } = (await api.json()) as { token: string }
  return { account, page, token }
}

/** The inputs of a rendered form, as the browser would post them back unchanged. */
const formOf = (html: string): Record<string, string> => {
  const fields: Record<string, string> = {}
  for (const [tag] of html.matchAll(/<input[^>]*>/g)) {
    const name = tag.match(/ name="([^"]+)"/)?.[1]
    if (name !== undefined && name !== "_csrf") fields[name] = tag.match(/ value="([^"]*)"/)?.[1] ?? ""
  }
  for (const [, name, body] of html.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    fields[name!] = body!.match(/<option value="([^"]*)" selected/)?.[1] ?? ""
  }
  return fields
}

const putSection = (path: string, body: unknown, token: string) =>
  server.app.request(path, { ...json("PUT", body, token) })

const accountOf = async (token: string) =>
  (await (await server.app.request("/v1/account", bearer(token))).json()) as {
    contractor: { companyName: string; remarks?: string }
    user: { department?: string }
  }

describe("the account-details forms without JavaScript", () => {
  it("saves a section on the version its form was shown at, though another section changed meanwhile", async () => {
    const { account, page, token } = await signedIn()
    const shown = formOf((await page.get("/company")).html)
    expect(shown["contractor.companyName"]).toBe(account.contractor.companyName)
    // Another section changes between showing the form and sending it: no conflict with this one.
    const other = await putSection("/v1/account/user", { ...account.user, department: "総務部" }, token)
    expect(other.status).toBe(200)
    const sent = await page.post("/company", { ...shown, "contractor.companyName": "新社名株式会社" })
    expect(sent.status).toBe(303)
    expect(sent.location).toBe("/company?notice=saved")
    expect((await page.get(sent.location!)).html).toContain("変更が保存されました。")
    const now = await accountOf(token)
    expect(now.contractor.companyName).toBe("新社名株式会社")
    expect(now.user.department).toBe("総務部")
  })

  it("refuses a form whose section was changed meanwhile, shows what is saved now, and saves when sent again", async () => {
    const { account, page, token } = await signedIn()
    const shown = formOf((await page.get("/company")).html)
    const theirs = { ...account.contractor, companyName: "他社変更株式会社" }
    expect((await putSection("/v1/account/contractor", theirs, token)).status).toBe(200)

    const sent = await page.post("/company", { ...shown, "contractor.address1": "千代田区丸の内1-1" })
    expect(sent.status).toBe(409)
    expect(sent.html).toContain("この画面を表示した後に、ご契約者の情報が別の操作で変更されました。")
    // What is saved now, where it differs from the entries: their name, and the old address.
    expect(sent.html).toMatch(/<dt>会社名<\/dt><dd>他社変更株式会社<\/dd>/)
    expect(sent.html).toMatch(/<dt>会社住所1<\/dt><dd>新宿区新宿4-1-6<\/dd>/)
    const again = formOf(sent.html)
    expect(again["contractor.address1"]).toBe("千代田区丸の内1-1")
    expect(again["contractor.companyName"]).toBe(account.contractor.companyName)
    expect((await accountOf(token)).contractor.companyName).toBe("他社変更株式会社")

    // Sent again as it stands, it is the user's choice now: saved.
    const resent = await page.post("/company", again)
    expect(resent.status).toBe(303)
    expect((await accountOf(token)).contractor.companyName).toBe(account.contractor.companyName)
  })

  it("keeps the contractor's remarks, which the form shows but does not change", async () => {
    const { account, page, token } = await signedIn()
    const withRemarks = { ...account.contractor, remarks: "請求書は経理部宛" }
    expect((await putSection("/v1/account/contractor", withRemarks, token)).status).toBe(200)
    const shown = await page.get("/company")
    expect(shown.html).toContain("請求書は経理部宛")
    const fields = formOf(shown.html)
    expect(Object.keys(fields)).not.toContain("contractor.remarks")
    expect((await page.post("/company", { ...fields, "contractor.branchName": "大阪支社" })).status).toBe(303)
    const now = await accountOf(token)
    expect(now.contractor.remarks).toBe("請求書は経理部宛")
  })

  it("ends every session on a password change, this browser's and the API's", async () => {
    const { account, page, token } = await signedIn()
    await page.get("/user/password")
    const newPassword = "Atarashii9Kagi"
    const changed = await page.post("/user/password", {
      currentPassword: account.password,
      newPassword,
      newPasswordConfirmation: newPassword,
    })
    expect(changed.status).toBe(303)
    expect(changed.location).toBe("/user/password/changed")
    expect((await server.app.request("/v1/account", bearer(token))).status).toBe(401)
    const after = await page.get("/user")
    expect(after.status).toBe(303)
    expect(after.location).toMatch(/^\/login\?/)
  })
})
