import { randomBytes } from "node:crypto"
import { mkdtempSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Either } from "effect"
import { describe, expect, it } from "vitest"
import { makeAesGcmSecretBox } from "../../adapters/crypto/aes-gcm-secret-box.js"
import { loadOrCreateSecretKeyFile, parseSecretKey } from "../../adapters/crypto/secret-key-file.js"

const box = makeAesGcmSecretBox(randomBytes(32))
const open = (sealed: string, context: string) => Effect.runPromise(Effect.either(box.open(sealed, context)))

describe("secret box (AES-256-GCM under the server key)", () => {
  it("opens what it sealed, and the sealed text does not contain the secret", async () => {
    const sealed = await Effect.runPromise(box.seal("JBSWY3DPEHPK3PXP", "two-factor:acc-1"))
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP")
    expect(await open(sealed, "two-factor:acc-1")).toEqual(Either.right("JBSWY3DPEHPK3PXP"))
    expect(await Effect.runPromise(box.seal("JBSWY3DPEHPK3PXP", "two-factor:acc-1"))).not.toBe(sealed)
  })

  it("refuses another context, a flipped byte, and another key", async () => {
    const sealed = await Effect.runPromise(box.seal("secret", "account:a"))
    expect(Either.isLeft(await open(sealed, "account:b"))).toBe(true)
    const flipped = sealed.slice(0, -2) + (sealed.at(-2) === "A" ? "B" : "A") + sealed.at(-1)
    expect(Either.isLeft(await open(flipped, "account:a"))).toBe(true)
    const other = makeAesGcmSecretBox(randomBytes(32))
    expect(Either.isLeft(await Effect.runPromise(Effect.either(other.open(sealed, "account:a"))))).toBe(true)
  })
})

describe("server key", () => {
  it("accepts 32 bytes as base64, base64url or hex, and names only the length when wrong", () => {
    const key = randomBytes(32)
    for (const text of [key.toString("base64"), key.toString("base64url"), key.toString("hex")]) {
      expect(Buffer.from(parseSecretKey(text, "KEY"))).toEqual(key)
    }
    const short = randomBytes(16).toString("base64")
    expect(() => parseSecretKey(short, "KEY")).toThrow("KEY must hold 32 bytes (base64 or hex); it holds 16")
    expect(() => parseSecretKey(short, "KEY")).not.toThrow(short)
  })

  it("is generated once into the data folder with mode 0600 and read back after", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "key-")), "data")
    const first = loadOrCreateSecretKeyFile(dir)
    expect(first.created).toBe(true)
    expect(statSync(first.path).mode & 0o777).toBe(0o600)
    const second = loadOrCreateSecretKeyFile(dir)
    expect(second.created).toBe(false)
    expect(second.key).toEqual(first.key)
    writeFileSync(first.path, "too short")
    expect(() => loadOrCreateSecretKeyFile(dir)).toThrow(/must hold 32 bytes/)
  })
})
