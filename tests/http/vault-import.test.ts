// The Password Manager → ID Protection import end to end with the client library, on SQLite and
// PostgreSQL (issue 14, decision 56): items are read and decrypted with the Password Manager's key,
// re-encrypted with ID Protection's and uploaded as one import; the kind ID Protection cannot hold
// is listed back; a second run adds nothing; after the Password Manager's end it works the same.
import { randomUUID } from "node:crypto"
import { Effect, Stream, TestClock, TestContext } from "effect"
import { describe, expect, it } from "vitest"
import { scheduleSunset } from "../../application/catalog/sunsets.js"
import { EventStore } from "../../application/event-log/event-store.js"
import { createSwitchPlan } from "../../application/switching/switch-plans.js"
import { reportSwitch } from "../../application/switching/switch-report.js"
import { runSwitch } from "../../application/switching/switch-run.js"
import {
  activateVault,
  createVaultApi,
  type Fetch,
  importFromPasswordManager,
  memoryKeyStore,
  type VaultAccess,
  type VaultProduct,
} from "../../apps/vault-client/index.js"
import { instantFromMillis } from "../../domain/kernel/index.js"
import { passwordManagerSwitch } from "../../domain/switching/switch-rules.js"
import { vaultStreamId } from "../../domain/vault/vault-state.js"
import { scanLines, scanSqlite } from "../support/secret-scan.js"
import { json } from "./customer-app.js"
import { callsTo } from "./customer-calls.js"
import { customerAppOn, stores } from "./store-suite.js"
import { refusal } from "./vault-refusal.js"

const password = "Kagi2Mori#Tsuki"
const operator = { actor: { kind: "operator" as const, id: "test-operator" } }
const day = 86_400_000

const login = { kind: "login" as const, title: "Bank", username: "hanako.import", password: "s3cret-Pw" }
const note = { kind: "note" as const, title: "Wi-Fi", text: "SSID home, key 98765" }
const form = {
  kind: "form" as const,
  title: "Home address",
  fields: [
    { label: "Name", value: "Yamada Hanako" },
    { label: "Phone", value: "03-1234-5678" },
  ],
}

describe.each(stores)("the Password Manager import into ID Protection on $name", (target) => {
  const app = customerAppOn(target)
  const { call } = callsTo(app)
  const imports: Array<{ body: string; headers: Record<string, string> }> = []
  const saves: Array<{ body: string; headers: Record<string, string> }> = []

  const customer = async () => {
    const [key] = await app().issue(1, { productId: "password-manager", packageId: "annual" })
    const email = `import.${randomUUID()}@example.jp`
    const created = await call(
      "/v1/personal-accounts",
      json("POST", { licenseKey: key, acceptEula: true, email, password, passwordConfirmation: password }),
    )
    expect(created.status).toBe(201)
    const signedIn = await call("/v1/sessions", json("POST", { loginId: email, password }))
    return { accountId: created.body.accountId as string, token: signedIn.body.token as string }
  }
  // Every import request is kept, so a test can send one again as a retrying network would.
  const fetch: Fetch = (url, init) => {
    const sent = { body: String(init.body), headers: init.headers as Record<string, string> }
    if (url.endsWith("/imports")) imports.push(sent)
    if (init.method === "PUT") saves.push(sent)
    return Promise.resolve(app().app.request(url, init))
  }
  const device = (token: string, product: VaultProduct): VaultAccess => ({
    api: createVaultApi({
      baseUrl: "http://portcullis.test",
      headers: { authorization: `Bearer ${token}` },
      fetch,
    }),
    product,
    device: { id: randomUUID(), name: "Laptop" },
    keyStore: memoryKeyStore(),
  })
  const vaultEvents = (accountId: string, product: VaultProduct) =>
    app().runtime.runPromise(
      Effect.flatMap(EventStore, (store) => store.readStream(vaultStreamId(accountId, product))),
    )
  const titles = async (items: Promise<ReadonlyArray<{ content: { title: string } }>>) =>
    (await items).map((i) => i.content.title).sort()

  it("moves logins and notes, lists the form it cannot move, and adds nothing on a second run", async () => {
    const { accountId, token } = await customer()
    const { session: pm, clientKey: pmKey } = await activateVault({
      ...device(token, "password-manager"),
      password,
    })
    for (const content of [login, note, form]) await pm.save({ baseVersion: 0, content })

    // No ID Protection vault yet: the import needs one.
    const noVault = await call("/v1/account/vault/id-protection/imports", {
      ...json(
        "POST",
        {
          importId: randomUUID(),
          fromProduct: "password-manager",
          dataKeyVersion: 1,
          items: [],
          notMoved: 0,
        },
        token,
      ),
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${token}`,
        "Vault-Key-Proof": "A".repeat(43),
      },
    })
    expect(noVault.status).toBe(409)
    expect(noVault.body.type).toContain("vault-not-activated")

    const { session: idp, clientKey: idpKey } = await activateVault({
      ...device(token, "id-protection"),
      password,
    })
    const first = await importFromPasswordManager({ from: pm, into: idp })
    expect(first).toEqual({
      imported: 2,
      alreadyThere: 0,
      notMoved: [
        { itemId: expect.any(String), title: "Home address", kind: "form", reason: "kind-not-supported" },
      ],
    })
    expect((await idp.items()).map((i) => i.content).sort((a, b) => a.title.localeCompare(b.title))).toEqual([
      login,
      note,
    ])

    // The same request sent again (a retry): the same answer, nothing added.
    const sent = imports[imports.length - 1]!
    const retried = await call("/v1/account/vault/id-protection/imports", {
      method: "POST",
      headers: sent.headers,
      body: sent.body,
    })
    expect(retried.status).toBe(200)
    expect(retried.body).toMatchObject({ imported: 2, alreadyThere: 0, notMoved: 1 })

    // A second run: everything is already there.
    const second = await importFromPasswordManager({ from: pm, into: idp })
    expect(second).toMatchObject({ imported: 0, alreadyThere: 2, notMoved: [{ kind: "form" }] })
    expect(await titles(idp.items())).toEqual(["Bank", "Wi-Fi"])

    // A new Password Manager item: the next run adds that one only.
    await pm.save({ baseVersion: 0, content: { kind: "note", title: "PIN", text: "4321" } })
    const third = await importFromPasswordManager({ from: pm, into: idp })
    expect(third).toMatchObject({ imported: 1, alreadyThere: 2 })
    expect(await titles(idp.items())).toEqual(["Bank", "PIN", "Wi-Fi"])
    // Nothing was lost on the way: the Password Manager still holds all four.
    expect(await titles(pm.items())).toEqual(["Bank", "Home address", "PIN", "Wi-Fi"])

    // Recorded on the ID Protection vault: two imports with their counts, never an item's contents.
    const recorded = (await vaultEvents(accountId, "id-protection")).filter((e) => e.type === "VaultImported")
    expect(recorded.map((e) => e.data)).toMatchObject([
      { fromProduct: "password-manager", alreadyThere: 0, skippedCount: 1 },
      { fromProduct: "password-manager", alreadyThere: 2, skippedCount: 1 },
    ])
    expect(recorded[0]!.metadata.actor).toEqual({ kind: "customer", id: accountId })
    const log = await app().runtime.runPromise(
      Effect.flatMap(EventStore, (store) => Stream.runCollect(store.readAll())),
    )
    const text = JSON.stringify([...log].map((e) => e.data))
    const plaintexts = ["hanako.import", "s3cret-Pw", "98765", "Yamada", "Home address"]
    for (const secret of plaintexts) expect(text).not.toContain(secret)
    // On the embedded store, every table and the log lines too (the events above run on both).
    const needles = [
      ...plaintexts.map((secret, i) => ({ what: `plaintext ${i + 1}`, text: secret })),
      { what: "the Password Manager client key", text: pmKey.canonical },
      { what: "the ID Protection client key", text: idpKey.canonical },
    ]
    const tables = target.postgres ? { hits: [] } : scanSqlite(app().databaseFile, needles)
    expect([...tables.hits, ...scanLines(app().logLines, needles)]).toEqual([])

    // The switch programme's report counts the account's move: one account, three items.
    const operator = { actor: { kind: "operator" as const, id: "ops-1" } }
    const report = await app().runtime.runPromise(
      Effect.gen(function* () {
        const plan = yield* createSwitchPlan(
          passwordManagerSwitch({
            cancelCutoff: "2025-06-04",
            keysValidFrom: "2025-06-05",
            resultsFrom: "2025-06-01",
          }),
          operator,
        )
        yield* runSwitch(plan.planId, { batchSize: 10, mailsPerMinute: 600, metadata: operator })
        return yield* reportSwitch(plan.planId)
      }),
    )
    expect(report).toMatchObject({ switched: 1, imports: { accounts: 1, items: 3 } })
  })

  it("refuses what ID Protection cannot hold when saved directly, and an import from its own product", async () => {
    const { token } = await customer()
    const { session: idp } = await activateVault({ ...device(token, "id-protection"), password })
    await expect(idp.save({ baseVersion: 0, content: form })).rejects.toMatchObject({
      _tag: "VaultItemKindUnsupported",
      kind: "form",
    })
    const own = await refusal(idp.importItems({ fromProduct: "id-protection", items: [], notMoved: 0 }))
    expect(own).toMatchObject({
      status: 422,
      slug: "vault-import-invalid",
      problem: { reason: "same-product" },
    })
  })

  it("lists an item that does not decrypt as not moved, and moves the others", async () => {
    const { token } = await customer()
    const { session: pm } = await activateVault({ ...device(token, "password-manager"), password })
    await pm.save({ baseVersion: 0, content: login })
    // The same ciphertext under another item id: its associated data names the first id, so it
    // never opens (as an item damaged or written by a faulty app would not).
    const copied = saves[saves.length - 1]!
    const stray = await call(`/v1/account/vault/password-manager/items/${randomUUID()}`, {
      method: "PUT",
      headers: copied.headers,
      body: copied.body,
    })
    expect(stray.status).toBe(201)
    const { session: idp } = await activateVault({ ...device(token, "id-protection"), password })
    const result = await importFromPasswordManager({ from: pm, into: idp })
    expect(result).toEqual({
      imported: 1,
      alreadyThere: 0,
      notMoved: [{ itemId: expect.any(String), title: "", kind: "unknown", reason: "unreadable" }],
    })
    expect(await titles(idp.items())).toEqual(["Bank"])
  })

  it("sends a vault too large for one request as several imports, and a run cut short is completed by the next", async () => {
    const { accountId, token } = await customer()
    const { session: pm } = await activateVault({ ...device(token, "password-manager"), password })
    for (const content of [login, note, form, { kind: "note" as const, title: "PIN", text: "4321" }])
      await pm.save({ baseVersion: 0, content })
    const idpAccess = device(token, "id-protection")
    // The network drops the second request of the first run.
    let dropped = false
    const flaky: Fetch = (url, init) => {
      if (url.endsWith("/imports") && imports.length > 0 && !dropped) {
        dropped = true
        return Promise.reject(new TypeError("network down"))
      }
      return fetch(url, init)
    }
    imports.length = 0
    const { session: idp } = await activateVault({
      ...idpAccess,
      api: createVaultApi({
        baseUrl: "http://portcullis.test",
        headers: { authorization: `Bearer ${token}` },
        fetch: flaky,
      }),
      password,
    })
    // One item a request (the batch smaller than any item).
    await expect(importFromPasswordManager({ from: pm, into: idp, batchBytes: 1 })).rejects.toThrow(
      "network down",
    )
    expect(await titles(idp.items())).toHaveLength(1)
    const rerun = await importFromPasswordManager({ from: pm, into: idp, batchBytes: 1 })
    expect(rerun).toMatchObject({ imported: 2, alreadyThere: 1, notMoved: [{ kind: "form" }] })
    expect(await titles(idp.items())).toEqual(["Bank", "PIN", "Wi-Fi"])
    // Each request was an import of its own; the not-moved count goes with the first of a run.
    const recorded = (await vaultEvents(accountId, "id-protection")).filter((e) => e.type === "VaultImported")
    expect(recorded.map((e) => (e.data as { items: ReadonlyArray<unknown> }).items.length)).toEqual([1, 1, 1])
    expect(recorded.map((e) => (e.data as { skippedCount: number }).skippedCount)).toEqual([1, 0, 0])
  })

  it("imports after the Password Manager's end, whose vault stays read-only", async () => {
    const { token } = await customer()
    const { session: pm } = await activateVault({ ...device(token, "password-manager"), password })
    for (const content of [login, form]) await pm.save({ baseVersion: 0, content })
    const { session: idp } = await activateVault({ ...device(token, "id-protection"), password })

    // The end as scheduled ten days ago for yesterday: on the TestClock, so no test waits for it.
    const now = Date.now()
    await app().runtime.runPromise(
      Effect.gen(function* () {
        yield* TestClock.setTime(now - 10 * day)
        yield* scheduleSunset(
          "password-manager",
          { endsAt: instantFromMillis(now - day), successor: "id-protection", noticeLeadDays: 1 },
          operator,
        )
      }).pipe(Effect.provide(TestContext.TestContext)),
    )
    const status = await call("/v1/products/password-manager/status")
    expect(status.body.phase).toBe("ended")
    expect(await refusal(pm.save({ baseVersion: 0, content: note }))).toMatchObject({ slug: "read-only" })

    const moved = await importFromPasswordManager({ from: pm, into: idp })
    expect(moved).toMatchObject({ imported: 1, alreadyThere: 0, notMoved: [{ title: "Home address" }] })
    expect(await titles(idp.items())).toEqual(["Bank"])
    const again = await importFromPasswordManager({ from: pm, into: idp })
    expect(again).toMatchObject({ imported: 0, alreadyThere: 1 })
  })
})
