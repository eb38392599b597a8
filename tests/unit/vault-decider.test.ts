import { describe, expect, it } from "vitest"
import { fold } from "../../domain/kernel/decider.js"
import { Instant } from "../../domain/kernel/index.js"
import { authorizeAccess, currentEnvelope, vaultDecider, vaultRules } from "../../domain/vault/vault.js"
import {
  VaultActivated,
  type VaultEvent,
  VaultExported,
  VaultItemAdded,
  VaultItemRemoved,
  VaultKeyRotated,
  VaultKeyWrapped,
  VaultReset,
  VaultUnlocked,
} from "../../domain/vault/vault-events.js"
import { deciderSpec } from "../support/decider-spec.js"

const at = Instant.make("2026-12-01T09:00:00.000Z")
const later = Instant.make("2026-12-01T10:00:00.000Z")
const envelope1 = { salt: "salt-1", iv: "iv-1", wrappedVaultKey: "wrapped-1" }
const envelope2 = { salt: "salt-2", iv: "iv-2", wrappedVaultKey: "wrapped-2" }
const laptop = { deviceId: "dev-laptop", name: "Laptop" }
const phone = { deviceId: "dev-phone", name: "Phone" }
const product = "id-protection" as const
const by = { kind: "operator" as const, id: "op-1" }

const activate = {
  _tag: "Activate" as const,
  vaultId: "vault-1",
  product,
  keyProofDigest: "proof-1",
  envelope: envelope1,
  device: laptop,
  at,
}
const activated = [
  VaultActivated.make({ vaultId: "vault-1", product, keyProofDigest: "proof-1", device: laptop, at }),
  VaultKeyWrapped.make({ keyVersion: 1, dataKeyVersion: 1, envelope: envelope1, at }),
]
const rotation = {
  _tag: "RotateKey" as const,
  keyProofDigest: "proof-1",
  fromKeyVersion: 1,
  newKeyProofDigest: "proof-2",
  envelope: envelope2,
  deviceId: laptop.deviceId,
  at: later,
}
const rotated = (dataKeyVersion: number, reencrypted: boolean): ReadonlyArray<VaultEvent> => [
  VaultKeyRotated.make({
    fromKeyVersion: 1,
    toKeyVersion: 2,
    dataKeyVersion,
    reencrypted,
    keyProofDigest: "proof-2",
    retiredProofDigest: "proof-1",
    deviceId: laptop.deviceId,
    at: later,
  }),
  VaultKeyWrapped.make({ keyVersion: 2, dataKeyVersion, envelope: envelope2, at: later }),
]
const added = (itemId: string) => VaultItemAdded.make({ itemId, at })
const write = (itemId: string, keyProofDigest = "proof-1", dataKeyVersion = 1) => ({
  _tag: "AuthorizeItemWrite" as const,
  keyProofDigest,
  itemId,
  dataKeyVersion,
  at: later,
})
const reset = VaultReset.make({ vaultId: "vault-1", product, itemIds: ["i1"], by, reason: "lost key", at })
const spec = deciderSpec(vaultDecider)

describe("vault decider", () => {
  it("activates a vault once, with key and data key version 1 and its first device", () => {
    spec.given([]).when(activate).thenEmits(activated)
    spec.given(activated).when(activate).thenNothing()
    spec
      .given(activated)
      .when({ ...activate, vaultId: "vault-2" })
      .thenRefuses("VaultAlreadyActivated")
    spec
      .given(activated)
      .when({ ...activate, keyProofDigest: "proof-x" })
      .thenRefuses("VaultAlreadyActivated")
    const { state } = spec.given(activated).when(activate)
    expect(state._tag === "Active" && [...state.vault.devices.keys()]).toEqual([laptop.deviceId])
  })

  it("unlocks with the current key's proof and records the device, new or known", () => {
    spec
      .given(activated)
      .when({ _tag: "Unlock", keyProofDigest: "proof-1", device: phone, at: later })
      .thenEmits([VaultUnlocked.make({ ...phone, keyVersion: 1, newDevice: true, at: later })])
    spec
      .given(activated)
      .when({ _tag: "Unlock", keyProofDigest: "proof-1", device: laptop, at: later })
      .thenEmits([VaultUnlocked.make({ ...laptop, keyVersion: 1, newDevice: false, at: later })])
    // The same unlock sent again, at no later time, is one unlock.
    spec
      .given([...activated, VaultUnlocked.make({ ...phone, keyVersion: 1, newDevice: true, at: later })])
      .when({ _tag: "Unlock", keyProofDigest: "proof-1", device: phone, at: later })
      .thenNothing()
  })

  it("refuses a wrong key as incorrect, naming since when the current key is valid", () => {
    spec
      .given(activated)
      .when({ _tag: "Unlock", keyProofDigest: "proof-x", device: phone, at: later })
      .thenRefuses("VaultKeyIncorrect", { keyVersion: 1, keySince: at })
    spec
      .given([])
      .when({ _tag: "Unlock", keyProofDigest: "proof-1", device: phone, at })
      .thenRefuses("VaultNotActivated")
  })

  it("refuses the proof of a retired key as stale, for every command that needs the key", () => {
    const given = [...activated, ...rotated(1, false)]
    const stale = { keyVersion: 2, rotatedAt: later }
    spec
      .given(given)
      .when({ _tag: "Unlock", keyProofDigest: "proof-1", device: phone, at: later })
      .thenRefuses("VaultKeyStale", stale)
    spec.given(given).when(write("i1")).thenRefuses("VaultKeyStale", stale)
    spec
      .given(given)
      .when({ _tag: "RemoveItem", keyProofDigest: "proof-1", itemId: "i1", at: later })
      .thenRefuses("VaultKeyStale", stale)
    spec
      .given(given)
      .when({ ...rotation, newKeyProofDigest: "proof-3" })
      .thenRefuses("VaultKeyStale", stale)
    expect(authorizeAccess(spec.given(given).when(write("i1")).state, "proof-2")._tag).toBe("Right")
  })

  it("records each export made with the current key, with the count and the key version", () => {
    const exportNow = { _tag: "RecordExport" as const, keyProofDigest: "proof-1", itemCount: 3, at: later }
    spec
      .given(activated)
      .when(exportNow)
      .thenEmits([VaultExported.make({ itemCount: 3, keyVersion: 1, at: later })])
    // The same request again is one export; a later one is another download, recorded again.
    const once = [...activated, VaultExported.make({ itemCount: 3, keyVersion: 1, at: later })]
    spec.given(once).when(exportNow).thenNothing()
    const again = Instant.make("2026-12-01T11:00:00.000Z")
    spec
      .given(once)
      .when({ ...exportNow, at: again })
      .thenEmits([VaultExported.make({ itemCount: 3, keyVersion: 1, at: again })])
    spec
      .given([...activated, ...rotated(1, false)])
      .when(exportNow)
      .thenRefuses("VaultKeyStale", { keyVersion: 2, rotatedAt: later })
    spec
      .given(activated)
      .when({ ...exportNow, keyProofDigest: "proof-x" })
      .thenRefuses("VaultKeyIncorrect")
    spec.given([]).when(exportNow).thenRefuses("VaultNotActivated")
    spec
      .given([...activated, reset])
      .when(exportNow)
      .thenRefuses("VaultNotActivated")
  })

  it("rotates the key: the old proof retires, items stay under their data key unless re-encrypted", () => {
    spec.given(activated).when(rotation).thenEmits(rotated(1, false))
    // Sent again after it was made: one rotation.
    spec
      .given([...activated, ...rotated(1, false)])
      .when(rotation)
      .thenNothing()
    const { state } = spec.given([...activated, ...rotated(1, false)]).when(rotation)
    expect(state._tag === "Active" && state.vault.devices.get(laptop.deviceId)?.keyVersion).toBe(2)
    expect(state._tag === "Active" && currentEnvelope(state.vault)?.envelope).toEqual(envelope2)
  })

  it("refuses a rotation from another key version, or to a key the vault already had", () => {
    spec
      .given(activated)
      .when({ ...rotation, fromKeyVersion: 2 })
      .thenRefuses("VaultKeyStale")
    spec
      .given(activated)
      .when({ ...rotation, newKeyProofDigest: "proof-1" })
      .thenRefuses("VaultKeyNotNew")
    spec
      .given([...activated, ...rotated(1, false)])
      .when({ ...rotation, keyProofDigest: "proof-2", fromKeyVersion: 2, newKeyProofDigest: "proof-1" })
      .thenRefuses("VaultKeyNotNew")
  })

  it("re-encrypts on rotation only with every item, once each, under the next data key", () => {
    const given = [...activated, added("i1"), added("i2")]
    spec
      .given(given)
      .when({ ...rotation, reencrypt: { dataKeyVersion: 2, itemIds: ["i2", "i1"] } })
      .thenEmits(rotated(2, true))
    spec
      .given(given)
      .when({ ...rotation, reencrypt: { dataKeyVersion: 2, itemIds: ["i1", "i3", "i1"] } })
      .thenRefuses("VaultReencryptionIncomplete", { missing: ["i2"], unexpected: ["i3", "i1"] })
    spec
      .given(given)
      .when({ ...rotation, reencrypt: { dataKeyVersion: 3, itemIds: ["i1", "i2"] } })
      .thenRefuses("VaultDataKeyStale", { dataKeyVersion: 1 })
  })

  it("authorizes item writes under the current data key, adding a new item once", () => {
    spec
      .given(activated)
      .when(write("i1"))
      .thenEmits([VaultItemAdded.make({ itemId: "i1", at: later })])
    spec
      .given([...activated, added("i1")])
      .when(write("i1"))
      .thenNothing()
    spec.given(activated).when(write("i1", "proof-x")).thenRefuses("VaultKeyIncorrect")
    spec
      .given([...activated, ...rotated(2, true)])
      .when(write("i1", "proof-2", 1))
      .thenRefuses("VaultDataKeyStale", { dataKeyVersion: 2 })
    spec.given([]).when(write("i1")).thenRefuses("VaultNotActivated")
  })

  it(`holds at most ${vaultRules.itemLimit} items`, () => {
    const full = [...activated, ...Array.from({ length: vaultRules.itemLimit }, (_, i) => added(`i${i}`))]
    spec.given(full).when(write("one-more")).thenRefuses("VaultFull", { limit: vaultRules.itemLimit })
    spec.given(full).when(write("i7")).thenNothing()
  })

  it("removes an item from the vault once", () => {
    const remove = { _tag: "RemoveItem" as const, keyProofDigest: "proof-1", itemId: "i1", at: later }
    spec
      .given([...activated, added("i1")])
      .when(remove)
      .thenEmits([VaultItemRemoved.make({ itemId: "i1", at: later })])
    spec
      .given([...activated, added("i1"), VaultItemRemoved.make({ itemId: "i1", at })])
      .when(remove)
      .thenNothing()
  })

  it("resets an active vault, naming its items, once; a vault never activated has nothing to reset", () => {
    spec
      .given([...activated, added("i1")])
      .when({ _tag: "Reset", by, reason: "lost key", at })
      .thenEmits([reset])
    spec
      .given([...activated, added("i1"), reset])
      .when({ _tag: "Reset", by, at })
      .thenNothing()
    spec.given([]).when({ _tag: "Reset", by, at }).thenRefuses("VaultNotActivated")
  })

  it("after a reset refuses every use of the old vault, and activates a new one", () => {
    const given = [...activated, added("i1"), reset]
    spec
      .given(given)
      .when({ _tag: "Unlock", keyProofDigest: "proof-1", device: laptop, at: later })
      .thenRefuses("VaultNotActivated")
    spec.given(given).when(write("i1")).thenRefuses("VaultNotActivated")
    spec.given(given).when(rotation).thenRefuses("VaultNotActivated")
    spec.given(given).when(activate).thenRefuses("VaultIdReused")
    const again = { ...activate, vaultId: "vault-2", keyProofDigest: "proof-9", device: phone, at: later }
    spec
      .given(given)
      .when(again)
      .thenEmits([
        VaultActivated.make({
          vaultId: "vault-2",
          product,
          keyProofDigest: "proof-9",
          device: phone,
          at: later,
        }),
        VaultKeyWrapped.make({ keyVersion: 1, dataKeyVersion: 1, envelope: envelope1, at: later }),
      ])
  })

  it("folds the same vault from the log after the erasures: the retired envelope and the reset history", () => {
    const live = [...activated, added("i1"), ...rotated(1, false)]
    // The retired VaultKeyWrapped is erased, and folding skips erased events.
    const erased = live.filter((event) => !(event._tag === "VaultKeyWrapped" && event.keyVersion === 1))
    const foldVault = fold(vaultDecider)
    expect(foldVault(erased)).toEqual(foldVault(live))
    expect(foldVault([reset])).toEqual(foldVault([...live, reset]))
  })
})
