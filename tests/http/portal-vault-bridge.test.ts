import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { activateVault, createVaultApi, memoryKeyStore, unlockVault } from "../../apps/vault-client/index.js"
import { customerApp } from "./customer-app.js"
import { callsTo } from "./customer-calls.js"
import { signedInPortalBrowser } from "./portal-browser.js"

// The vault's routes as the portal's pages call them: with the session cookie and the page's CSRF
// token, never a bearer token a script could read.

let server: Awaited<ReturnType<typeof customerApp>>
beforeAll(async () => {
  server = await customerApp({ portal: true })
})
afterAll(() => server?.close())
const { registerAndLogin } = callsTo(() => server)

const product = "id-protection" as const

const signedInBrowser = (form: { loginId: string; password: string }) =>
  signedInPortalBrowser(server.app, form)

describe("the portal's vault bridge", () => {
  it("serves the vault's routes under /vault/api to the signed-in browser that sends its page's token", async () => {
    const { form } = await registerAndLogin()
    const browser = await signedInBrowser(form)
    const api = createVaultApi({
      baseUrl: "http://portcullis.test",
      prefix: "/vault/api",
      fetch: async (url, init) =>
        server.app.request(url, {
          ...init,
          headers: { ...(init.headers as Record<string, string>), cookie: browser.cookie() },
        }),
      headers: () => ({ "x-csrf-token": browser.csrf }),
    })
    const access = {
      api,
      product,
      device: { id: crypto.randomUUID(), name: "Browser" },
      keyStore: memoryKeyStore(),
    }
    const { session, clientKey } = await activateVault({ ...access, password: form.password })
    // Bodies beyond the API's usual 64 KiB reach the rotation here too.
    for (let i = 0; i < 25; i++)
      await session.save({
        baseVersion: 0,
        content: { kind: "note", title: `n${i}`, text: "x".repeat(3000) },
      })
    await session.rotateKey({ password: form.password, reencrypt: true })
    const { session: again } = await unlockVault({ ...access, password: form.password })
    expect(await again.items()).toHaveLength(25)
    expect(clientKey.canonical).not.toBe(again.clientKey.canonical)
    expect(await api.status(product)).toMatchObject({ state: "active", keyVersion: 2, itemCount: 25 })
  })

  it("refuses a request without the page's token, and a browser that is not signed in", async () => {
    const { form } = await registerAndLogin()
    const browser = await signedInBrowser(form)
    const status = (headers: Record<string, string>) =>
      server.app.request(`/vault/api/${product}`, { headers: { cookie: browser.cookie(), ...headers } })

    const noToken = await status({})
    expect(noToken.status).toBe(403)
    expect(noToken.headers.get("content-type")).toContain("application/problem+json")
    expect(((await noToken.json()) as { type: string }).type).toMatch(/\/csrf-token-invalid$/)
    expect((await status({ "x-csrf-token": "forged" })).status).toBe(403)
    expect((await status({ "x-csrf-token": browser.csrf, "sec-fetch-site": "cross-site" })).status).toBe(403)
    const answered = await status({ "x-csrf-token": browser.csrf })
    expect(answered.status).toBe(200)
    // An API answer, with the API's headers: nothing of a vault kept by a cache.
    expect(answered.headers.get("cache-control")).toBe("no-store")
    expect(answered.headers.get("x-content-type-options")).toBe("nosniff")
    expect(noToken.headers.get("cache-control")).toBe("no-store")
    const unknown = await server.app.request("/vault/api/id-protection/items/a/b/c", {
      headers: { cookie: browser.cookie(), "x-csrf-token": browser.csrf },
    })
    expect(unknown.status).toBe(404)
    expect(unknown.headers.get("content-type")).toContain("application/problem+json")

    // The token of a browser that never signed in: the route itself answers 401, as the API does.
    const anonymous = await server.app.request("/login")
    const cookie = anonymous.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ")
    const token = (await anonymous.text()).match(/name="_csrf" value="([^"]+)"/)![1]!
    const unsigned = await server.app.request(`/vault/api/${product}`, {
      headers: { cookie, "x-csrf-token": token },
    })
    expect(unsigned.status).toBe(401)
    expect(((await unsigned.json()) as { type: string }).type).toMatch(/\/unauthorized$/)
  })
})
