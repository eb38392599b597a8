import { createDecipheriv, hkdfSync, randomBytes, randomUUID } from "node:crypto"
import { dirname } from "node:path"
import { Chunk, Effect, Stream } from "effect"
import jsQRModule from "jsqr"
import { PDFDocument } from "pdf-lib"
import { PNG } from "pngjs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { listMail } from "../../adapters/mail/index.js"
import { EventStore } from "../../application/event-log/event-store.js"
import { envelopeAad } from "../../apps/vault-client/crypto/vault-crypto.js"
import {
  activateVault,
  type ClientKey,
  createVaultApi,
  emergencyKitPdf,
  emergencyKitPng,
  formatClientKey,
  memoryKeyStore,
  parseKitQrPayload,
  unlockVault,
  type VaultAccess,
  type VaultEnvelope,
} from "../../apps/vault-client/index.js"
import { cli } from "../support/cli.js"
import {
  type Needle,
  scanFiles,
  scanLines,
  scanPostgres,
  scanRawFiles,
  scanSqlite,
} from "../support/secret-scan.js"
import { postgres } from "../support/stores.js"
import { erasureBook } from "../support/vault-erasures.js"
import { customerApp, sharedSigningKey } from "./customer-app.js"
import { callsTo } from "./customer-calls.js"
import { refusal } from "./vault-refusal.js"

// The scenario, end to end over HTTP with the client library, and then the proof that the
// server never learnt the key: every table, the access log and the mail outbox hold none of the
// client keys (in any spelling), vault keys, wrapping keys, key proofs or plaintexts, and none of
// the reset vault's ciphertexts either.

const jsQR = jsQRModule.default
const product = "id-protection" as const

type App = Awaited<ReturnType<typeof customerApp>>

const targets = [
  { name: "SQLite", postgres: false },
  { name: "PostgreSQL", postgres: true },
] as const

/** The key as a customer might type it on a Japanese keyboard: full-width, lower case, ideographic spaces. */
const fullWidth = (key: ClientKey) =>
  formatClientKey(key)
    .toLowerCase()
    .split("-")
    .map((group) => [...group].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join(""))
    .join("\u3000")

const b64 = (text: string) => Buffer.from(text, "base64url")
const hkdf = (key: ClientKey, salt: string, info: string) =>
  Buffer.from(hkdfSync("sha256", key.canonical, b64(salt), info, 32))
const openGcm = (key: Buffer, iv: string, aad: string, sealed: Buffer) => {
  const decipher = createDecipheriv("aes-256-gcm", key, b64(iv))
  decipher.setAAD(Buffer.from(aad, "utf8"))
  decipher.setAuthTag(sealed.subarray(-16))
  return Buffer.concat([decipher.update(sealed.subarray(0, -16)), decipher.final()])
}

const bytesNeedles = (what: string, bytes: Buffer): ReadonlyArray<Needle> => [
  { what: `${what} (hex)`, text: bytes.toString("hex") },
  { what: `${what} (base64)`, text: bytes.toString("base64") },
  { what: `${what} (base64url)`, text: bytes.toString("base64url") },
]

const keyNeedles = (what: string, key: ClientKey): ReadonlyArray<Needle> => [
  { what: `${what} (compact)`, text: key.canonical },
  { what: `${what} (grouped)`, text: formatClientKey(key) },
  { what: `${what} (compact, lower case)`, text: key.canonical.toLowerCase() },
  { what: `${what} (grouped, lower case)`, text: formatClientKey(key).toLowerCase() },
]

const readQr = (png: Uint8Array) => {
  const image = PNG.sync.read(Buffer.from(png))
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data
}

describe.each(targets)("the vault end to end on $name", (target) => {
  let api: App
  let env: Record<string, string>
  let databaseUrl: string | undefined
  let dispose: () => Promise<void> = async () => undefined
  beforeAll(async () => {
    if (target.postgres) {
      const fresh = await postgres.fresh()
      const secretKey = randomBytes(32).toString("base64")
      dispose = fresh.dispose
      databaseUrl = fresh.url
      api = await customerApp({ databaseUrl: fresh.url, secretKey })
      env = {
        DATABASE_URL: fresh.url,
        PORTCULLIS_SECRET_KEY: secretKey,
        PORTCULLIS_SIGNING_KEY: sharedSigningKey,
      }
    } else {
      api = await customerApp()
      env = { DATA_DIR: dirname(api.databaseFile) }
    }
  })
  afterAll(async () => {
    await api.close()
    await dispose()
  })
  const { registerAndLogin } = callsTo(() => api)

  it("activates, unlocks by the kit's QR and by a full-width typed key, rotates, is reset by support, and the server never learnt a key", async () => {
    const { token, form } = await registerAndLogin()
    // What crossed the wire, as the server saw it: the envelopes, proofs and ciphertexts it stored.
    const sent: Array<{ path: string; body: Record<string, unknown> | undefined; proof: string | null }> = []
    const device = (name: string): VaultAccess => ({
      api: createVaultApi({
        baseUrl: "http://portcullis.test",
        headers: { authorization: `Bearer ${token}` },
        fetch: async (url, init) => {
          const body = typeof init.body === "string" ? JSON.parse(init.body) : undefined
          sent.push({
            path: new URL(url).pathname,
            body,
            proof: new Headers(init.headers).get("vault-key-proof"),
          })
          return api.app.request(url, init)
        },
      }),
      product,
      device: { id: randomUUID(), name },
      keyStore: memoryKeyStore(),
    })
    const plaintexts: Array<string> = []
    const secretText = (label: string) => {
      const text = `${label} ${randomUUID()}`
      plaintexts.push(text)
      return text
    }

    // 1. Activate on the laptop; the kit is made on the client.
    const laptop = device("Laptop")
    const { session: one, clientKey: firstKey } = await activateVault({ ...laptop, password: form.password })
    const kitFacts = { clientKey: firstKey, loginId: form.loginId, keyVersion: 1, createdOn: "2026-12-02" }
    const pdf = await emergencyKitPdf({ ...kitFacts, language: "ja" })
    const png = await emergencyKitPng({ ...kitFacts, language: "ja" })
    expect(pdf.fileName).toMatch(/^ID Protection client key \d{5}\.pdf$/)
    expect(png.fileName).toMatch(/^IDP_CLIENT_KEY_EMERGENCY_KIT\d{7}\.png$/)
    expect((await PDFDocument.load(pdf.bytes)).getPageCount()).toBe(1)

    // 2. The phone scans the PNG kit's QR code.
    const scanned = parseKitQrPayload(readQr(png.bytes) ?? "")
    if (!scanned.ok) throw new Error(`the kit's QR code did not read back (${scanned.reason})`)
    const phone = device("Phone")
    const { session: two, newDevice } = await unlockVault({
      ...phone,
      password: form.password,
      clientKey: scanned.key,
    })
    expect(newDevice).toBe(true)

    // 3. The tablet's owner types it full-width, in lower case, with ideographic spaces.
    const tablet = device("Tablet")
    const { session: three } = await unlockVault({
      ...tablet,
      password: form.password,
      clientKey: fullWidth(firstKey),
    })
    expect((await laptop.api.status(product)).devices.map((d) => d.name).sort()).toEqual([
      "Laptop",
      "Phone",
      "Tablet",
    ])

    // 4. Items: stored on one device, read on another; two devices never overwrite each other.
    const mail = await one.save({
      baseVersion: 0,
      content: {
        kind: "login",
        title: secretText("Mail"),
        username: secretText("hanako"),
        password: secretText("pw"),
      },
    })
    await two.save({
      baseVersion: 0,
      content: { kind: "note", title: secretText("Bank"), text: secretText("PIN") },
    })
    expect((await three.items()).map((item) => item.content.title).sort()).toEqual(
      [plaintexts[0], plaintexts[3]].sort(),
    )
    await two.save({
      itemId: mail.itemId,
      baseVersion: 1,
      content: { kind: "login", title: secretText("Mail (new)"), password: secretText("pw2") },
    })
    expect(
      await refusal(
        three.save({
          itemId: mail.itemId,
          baseVersion: 1,
          content: { kind: "note", title: secretText("x"), text: "" },
        }),
      ),
    ).toMatchObject({ status: 409, slug: "vault-item-conflict" })

    // 5. Rotate on the laptop; the phone, still on the old key, is refused and told why.
    const secondKey = await one.rotateKey({ password: form.password })
    expect(await refusal(two.items())).toMatchObject({ status: 409, slug: "vault-key-stale" })
    const { session: phoneAgain } = await unlockVault({
      ...phone,
      password: form.password,
      clientKey: formatClientKey(secondKey),
    })
    expect(await phoneAgain.items()).toHaveLength(2)
    // And once more, re-encrypting every item under a new vault key.
    const thirdKey = await one.rotateKey({ password: form.password, reencrypt: true })
    expect((await one.items()).map((item) => item.content.title).sort()).toEqual(
      [plaintexts[3], plaintexts[5]].sort(),
    )

    // 6. The customer lost the key: support resets the vault from the CLI.
    const sentBeforeReset = sent.length
    const reset = await cli(
      ["vault", "reset", form.loginId, "--reason", "customer lost the key", "--confirm", form.loginId],
      env,
    )
    expect(reset.stderr).toBe("")
    expect(reset.status).toBe(0)

    // 7. Everything is gone.
    expect(await laptop.api.status(product)).toMatchObject({ state: "reset", itemCount: 0, devices: [] })
    expect(await refusal(one.items())).toMatchObject({ status: 409, slug: "vault-not-activated" })
    await expect(
      unlockVault({ ...phone, password: form.password, clientKey: thirdKey }),
    ).rejects.toMatchObject({
      _tag: "VaultNotActive",
    })

    // 8. A new vault can be activated.
    const { session: fresh, clientKey: fourthKey } = await activateVault({
      ...laptop,
      password: form.password,
    })
    await fresh.save({
      baseVersion: 0,
      content: { kind: "note", title: secretText("fresh"), text: secretText("new") },
    })
    expect(fresh.vaultId).not.toBe(one.vaultId)
    await api.deliverMail()
    // The customer heard of each step, at the registered address.
    const subjects = (await Effect.runPromise(listMail(api.outboxDir)))
      .filter((mail) => mail.to.includes(form.user.email))
      .map((mail) => mail.subject)
    const count = (subject: string) => subjects.filter((s) => s.includes(subject)).length
    expect(count("保管庫が有効になりました")).toBe(2)
    expect(count("新しいデバイスで保管庫のロックが解除されました")).toBe(2)
    expect(count("クライアントキーが変更されました")).toBe(2)
    expect(count("保管庫がリセットされました")).toBe(1)

    // The keys as the server would have to know them to read anything: derived here from what crossed the wire.
    const envelopes = sent.flatMap((call) => {
      const envelope = call.body?.envelope as VaultEnvelope | undefined
      return envelope === undefined ? [] : [envelope]
    })
    expect(envelopes).toHaveLength(4)
    const contexts = [
      { key: firstKey, vaultId: one.vaultId, keyVersion: 1, dataKeyVersion: 1 },
      { key: secondKey, vaultId: one.vaultId, keyVersion: 2, dataKeyVersion: 1 },
      { key: thirdKey, vaultId: one.vaultId, keyVersion: 3, dataKeyVersion: 2 },
      { key: fourthKey, vaultId: fresh.vaultId, keyVersion: 1, dataKeyVersion: 1 },
    ]
    const needles: Array<Needle> = []
    contexts.forEach((c, i) => {
      const envelope = envelopes[i]!
      const wrappingKey = hkdf(c.key, envelope.salt, "portcullis vault v1 wrap")
      const vaultKey = openGcm(
        wrappingKey,
        envelope.iv,
        envelopeAad({ product, ...c }),
        b64(envelope.wrappedVaultKey),
      )
      needles.push(
        ...keyNeedles(`client key ${i + 1}`, c.key),
        ...bytesNeedles(`wrapping key ${i + 1}`, wrappingKey),
        ...bytesNeedles(`vault key ${i + 1}`, vaultKey),
        ...bytesNeedles(`key proof ${i + 1}`, hkdf(c.key, envelope.salt, "portcullis vault v1 proof")),
      )
    })
    for (const [i, text] of plaintexts.entries()) needles.push({ what: `plaintext ${i + 1}`, text })
    // The reset vault's ciphertexts and envelopes: erased, so in no table either.
    for (const call of sent.slice(0, sentBeforeReset)) {
      const body = call.body
      if (body === undefined) continue
      const ciphertexts = [
        body.ciphertext,
        ...(
          (body.reencrypt as { items?: ReadonlyArray<{ ciphertext: string }> } | undefined)?.items ?? []
        ).map((item) => item.ciphertext),
      ].filter((c): c is string => typeof c === "string")
      for (const text of ciphertexts) needles.push({ what: `an old ciphertext (${call.path})`, text })
      const envelope = body.envelope as VaultEnvelope | undefined
      if (envelope !== undefined) needles.push({ what: "an old wrapped key", text: envelope.wrappedVaultKey })
    }
    expect(needles.filter((n) => n.what.startsWith("an old ciphertext")).length).toBeGreaterThanOrEqual(5)

    const database = target.postgres
      ? await scanPostgres(databaseUrl!, needles)
      : scanSqlite(api.databaseFile, needles)
    const outbox = scanFiles(api.outboxDir, needles)
    // SQLite's own files too, byte for byte: erasure zeroes freed space and truncates the WAL, so
    // not even a deleted page keeps an old ciphertext.
    const files = target.postgres ? [] : scanRawFiles([api.databaseFile, `${api.databaseFile}-wal`], needles)
    expect(database.tables).toBeGreaterThan(5)
    expect(outbox.files).toBeGreaterThan(0)
    expect([...database.hits, ...outbox.hits, ...files, ...scanLines(api.logLines, needles)]).toEqual([])
    // The scan does find what is there: the new vault's wrapped key is stored, as it must be.
    const live = envelopes[3]!.wrappedVaultKey
    const control = target.postgres
      ? await scanPostgres(databaseUrl!, [{ what: "live", text: live }])
      : scanSqlite(api.databaseFile, [{ what: "live", text: live }])
    expect(control.hits.length).toBeGreaterThan(0)

    // 9. The log still verifies and replays, and `$erasures` names exactly the erased rows.
    for (const command of [
      ["audit", "verify"],
      ["audit", "replay"],
    ]) {
      const result = await cli(command, env)
      expect(result.status, `${command.join(" ")}: ${result.stdout}${result.stderr}`).toBe(0)
    }
    const events = await api.runtime.runPromise(
      Effect.flatMap(EventStore, (store) => Stream.runCollect(store.readAll())).pipe(
        Effect.map(Chunk.toArray),
      ),
    )
    const book = erasureBook(events)
    expect(book.erased.length).toBeGreaterThan(10)
    expect(book.named).toEqual(book.erased)
  })
})
