// Issue 13's sunset end to end, as a customer and an operator meet it: one real `serve` on SQLite, a
// Password Manager customer signed in to the portal and on a device with a vault of two items; the
// operator schedules the end with the CLI, `serve` applies it by itself at the instant, and after it
// the app is refused with the successor named, the vault reads but neither writes nor exports, its
// items move into ID Protection, and the portal still works. Then the log replays and verifies.
import { randomUUID } from "node:crypto"
import { describe, expect, it } from "vitest"
import {
  activateVault,
  createVaultApi,
  memoryKeyStore,
  unlockVault,
  type VaultAccess,
  type VaultProduct,
} from "../../apps/vault-client/index.js"
import { refusal } from "../http/vault-refusal.js"
import { cli, startServer, tempDataDir } from "../support/cli.js"
import { inSeconds, productEvents, scheduleEnd } from "../support/sunset-cli.js"
import { until } from "../support/until.js"

const pm = "password-manager"
const password = "Kagi2Mori#Tsuki"
const login = { kind: "login" as const, title: "Bank, main", username: "hanako", password: "s3cret" }
const note = { kind: "note" as const, title: "Wi-Fi", text: "SSID: home\nkey: 1234" }

interface Answer {
  readonly status: number
  // biome-ignore lint/suspicious/noExplicitAny: a JSON answer, read by the assertions
  readonly body: any
}

describe("the Password Manager's sunset end to end, on one `serve`", () => {
  it("ends the app, keeps the vault readable for the move to ID Protection, and leaves a log that verifies", async () => {
    const env = { DATA_DIR: tempDataDir(), PORTCULLIS_OPERATOR: "support-1" }
    expect((await cli(["catalog", "seed"], env)).status).toBe(0)
    const issued = await cli(
      ["keys", "issue", "--product", pm, "--package", "annual", "--expires", "2099-03-31"],
      env,
    )
    expect(issued.status).toBe(0)
    const key = issued.stdout.trim()

    const server = await startServer(env)
    const base = `http://127.0.0.1:${server.port}`
    const call = async (path: string, init: { method?: string; body?: unknown; token?: string } = {}) => {
      const headers: Record<string, string> = { accept: "application/json, application/problem+json" }
      if (init.body !== undefined) headers["content-type"] = "application/json"
      if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`
      const response = await fetch(`${base}${path}`, {
        method: init.method ?? (init.body === undefined ? "GET" : "POST"),
        headers,
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      })
      const text = await response.text()
      return { status: response.status, body: text.length > 0 ? JSON.parse(text) : undefined } as Answer
    }
    const device = (token: string, product: VaultProduct, name: string): VaultAccess => ({
      api: createVaultApi({ baseUrl: base, headers: { authorization: `Bearer ${token}` } }),
      product,
      device: { id: randomUUID(), name },
      keyStore: memoryKeyStore(),
    })
    const status = async () => (await call(`/v1/products/${pm}/status`)).body as { phase: string }
    let stopped = false
    try {
      // The customer: registered with the key, signed in to the portal and on a phone.
      const email = `hanako.${randomUUID()}@example.jp`
      const created = await call("/v1/personal-accounts", {
        body: { licenseKey: key, acceptEula: true, email, password, passwordConfirmation: password },
      })
      expect(created.status).toBe(201)
      const portal = (await call("/v1/sessions", { body: { loginId: email, password } })).body.token as string
      expect(portal).toEqual(expect.any(String))
      const signIn = (deviceName: string) =>
        call("/v1/app-sessions", { body: { loginId: email, password, productId: pm, deviceName } })
      const phone = await signIn("Hanako's iPhone")
      expect(phone.status).toBe(201)
      expect((await call("/v1/app/session", { token: phone.body.accessToken })).status).toBe(200)
      const { session, clientKey } = await activateVault({ ...device(portal, pm, "Laptop"), password })
      const saved = await session.save({ baseVersion: 0, content: login })
      await session.save({ baseVersion: 0, content: note })

      // The operator schedules the end a few seconds ahead, with the server running.
      const scheduled = await scheduleEnd(env, inSeconds(6))
      expect(scheduled.stdout).toContain(`${pm}: sunset scheduled at`)
      expect((await status()).phase).toBe("sunset-scheduled")
      expect(
        await until("the product's end", async () => ((await status()).phase === "ended" ? true : undefined)),
      ).toBe(true)

      // The app: no refresh, no new sign-in, each naming the successor.
      for (const refused of [
        await call("/v1/app-sessions/refresh", { body: { refreshToken: phone.body.refreshToken } }),
        await signIn("Hanako's iPad"),
      ]) {
        expect(refused.status).toBe(410)
        expect(refused.body).toMatchObject({
          type: expect.stringContaining("service-ended"),
          productId: pm,
          successor: "id-protection",
        })
      }
      // The old access token: the product's end, whether or not the last job has ended the session.
      const early = await call("/v1/app/session", { token: phone.body.accessToken })
      expect(early.status).toBe(410)
      await until("serve to end the product's app sessions", async () => {
        const devices = await call("/v1/account/app-sessions", { token: portal })
        expect(devices.status).toBe(200)
        return devices.body.items.length === 0 ? true : undefined
      })
      const ended = await call("/v1/app/session", { token: phone.body.accessToken })
      expect(ended.status).toBe(410)
      expect(ended.body).toMatchObject({
        type: expect.stringContaining("service-ended"),
        successor: "id-protection",
      })
      // Refresh of an ended session is still the product's end, not a guess.
      const late = await call("/v1/app-sessions/refresh", { body: { refreshToken: phone.body.refreshToken } })
      expect(late.status).toBe(410)
      expect(late.body.successor).toBe("id-protection")

      // The vault: read on this device and on a new one with the client key; no save, no export.
      expect(await session.items()).toHaveLength(2)
      const tablet = await unlockVault({ ...device(portal, pm, "Tablet"), password, clientKey })
      expect(tablet.newDevice).toBe(true)
      expect((await tablet.session.get(saved.itemId)).content).toEqual(login)
      const readOnly = await refusal(session.save({ baseVersion: 0, content: note }))
      expect(readOnly).toMatchObject({ status: 409, slug: "read-only" })
      expect(readOnly.problem).toMatchObject({ productId: pm, successor: "id-protection" })
      expect(await refusal(session.export())).toMatchObject({ status: 409, slug: "export-disabled" })

      // The move into ID Protection, under that vault's own key.
      const { session: idp } = await activateVault({ ...device(portal, "id-protection", "Laptop"), password })
      for (const item of await tablet.session.items())
        await idp.save({ baseVersion: 0, content: item.content })
      expect((await idp.items()).map((i) => i.content.title).sort()).toEqual(["Bank, main", "Wi-Fi"])
      expect(await session.items()).toHaveLength(2)

      // The portal session is no app session: it still works.
      const account = await call("/v1/account", { token: portal })
      expect(account.status).toBe(200)

      const jobs = await until("the lifecycle jobs to finish", async () => {
        const shown = JSON.parse((await cli(["sunset", "status", pm, "--json"], env)).stdout)
        return shown.jobs.pending === 0 ? shown : undefined
      })
      expect(jobs.products[0]).toMatchObject({ phase: "ended", recorded: true, successor: "id-protection" })
      expect(jobs.jobs.dead).toBe(0)

      stopped = true
      expect(await server.stop()).toBe(0)
    } finally {
      if (!stopped) await server.stop()
    }

    // The log, with the server stopped: the read models rebuild to what they were, the chain holds.
    const replay = await cli(["audit", "replay"], env)
    expect(replay.status).toBe(0)
    expect(replay.stdout).toContain("no drift")
    const verify = await cli(["audit", "verify"], env)
    expect(verify.status).toBe(0)
    expect(verify.stdout).toContain("chain intact")
    const events = await productEvents(env)
    expect(events.filter((e) => e.type === "ServiceSunset")).toHaveLength(1)
  })
})
