import { describe, expect, it } from "vitest"
import { Instant } from "../../domain/kernel/index.js"
import { importOutcome, vaultDecider, vaultRules } from "../../domain/vault/vault.js"
import {
  VaultActivated,
  VaultImported,
  VaultItemAdded,
  VaultItemRemoved,
  VaultKeyRotated,
  VaultKeyWrapped,
  VaultReset,
} from "../../domain/vault/vault-events.js"
import { deciderSpec } from "../support/decider-spec.js"

// The import into the ID Protection vault (decision 56): given the vault's events, when an import
// is recorded, then the new items are added and the import recorded, or nothing, or a refusal.

const at = Instant.make("2026-12-01T09:00:00.000Z")
const later = Instant.make("2026-12-01T10:00:00.000Z")
const envelope = { salt: "salt-1", iv: "iv-1", wrappedVaultKey: "wrapped-1" }
const device = { deviceId: "dev-laptop", name: "Laptop" }
const product = "id-protection" as const
const activated = [
  VaultActivated.make({ vaultId: "vault-1", product, keyProofDigest: "proof-1", device, at }),
  VaultKeyWrapped.make({ keyVersion: 1, dataKeyVersion: 1, envelope, at }),
]
const items = [
  { itemId: "n1", sourceRef: "src-a" },
  { itemId: "n2", sourceRef: "src-b" },
]
const recordImport = {
  _tag: "RecordImport" as const,
  keyProofDigest: "proof-1",
  importId: "import-1",
  fromProduct: "password-manager" as const,
  dataKeyVersion: 1,
  items,
  skippedCount: 1,
  at: later,
}
const imported = (importId: string, list = items, alreadyThere = 0, skippedCount = 1) => [
  ...list.map((item) => VaultItemAdded.make({ itemId: item.itemId, at: later })),
  VaultImported.make({
    importId,
    fromProduct: "password-manager",
    items: list,
    alreadyThere,
    skippedCount,
    at: later,
  }),
]
const spec = deciderSpec(vaultDecider)

describe("vault decider: imports", () => {
  it("adds every item of a first import and records it with what could not be moved", () => {
    spec.given(activated).when(recordImport).thenEmits(imported("import-1"))
  })

  it("answers the same import sent again with nothing, and its items as imported by it", () => {
    const given = [...activated, ...imported("import-1")]
    const { state } = spec.given(given).when(recordImport)
    spec.given(given).when(recordImport).thenNothing()
    expect(state._tag === "Active" && importOutcome(state.vault, items)).toEqual({
      imported: 2,
      alreadyThere: 0,
    })
  })

  it("adds nothing twice: a second run adds only the sources never imported", () => {
    const given = [...activated, ...imported("import-1")]
    const second = [
      { itemId: "m1", sourceRef: "src-a" },
      { itemId: "m2", sourceRef: "src-b" },
    ]
    // Everything already there: nothing happens.
    spec
      .given(given)
      .when({ ...recordImport, importId: "import-2", items: second })
      .thenNothing()
    const { state } = spec.given(given).when({ ...recordImport, importId: "import-2", items: second })
    expect(state._tag === "Active" && importOutcome(state.vault, second)).toEqual({
      imported: 0,
      alreadyThere: 2,
    })
    // One new source: only it is added, the others counted as already there.
    const withNew = [...second, { itemId: "m3", sourceRef: "src-c" }]
    spec
      .given(given)
      .when({ ...recordImport, importId: "import-2", items: withNew, skippedCount: 0 })
      .thenEmits(imported("import-2", [{ itemId: "m3", sourceRef: "src-c" }], 2, 0))
  })

  it("does not bring back an imported item the customer deleted", () => {
    const given = [...activated, ...imported("import-1"), VaultItemRemoved.make({ itemId: "n1", at: later })]
    spec
      .given(given)
      .when({ ...recordImport, importId: "import-2", items: [{ itemId: "m1", sourceRef: "src-a" }] })
      .thenNothing()
  })

  it("imports again into a new vault after a reset", () => {
    const reset = VaultReset.make({
      vaultId: "vault-1",
      product,
      itemIds: ["n1", "n2"],
      by: { kind: "customer", id: "acc-1" },
      at: later,
    })
    const again = [
      VaultActivated.make({ vaultId: "vault-2", product, keyProofDigest: "proof-9", device, at: later }),
      VaultKeyWrapped.make({ keyVersion: 1, dataKeyVersion: 1, envelope, at: later }),
    ]
    spec
      .given([...activated, ...imported("import-1"), reset, ...again])
      .when({ ...recordImport, keyProofDigest: "proof-9" })
      .thenEmits(imported("import-1"))
  })

  it("needs an activated vault and its current key", () => {
    spec.given([]).when(recordImport).thenRefuses("VaultNotActivated")
    spec
      .given(activated)
      .when({ ...recordImport, keyProofDigest: "proof-x" })
      .thenRefuses("VaultKeyIncorrect", { keyVersion: 1 })
  })

  it("refuses an import from the vault's own product, or naming an item or a source twice", () => {
    spec
      .given(activated)
      .when({ ...recordImport, fromProduct: "id-protection" })
      .thenRefuses("VaultImportInvalid", { reason: "same-product" })
    spec
      .given(activated)
      .when({ ...recordImport, items: [items[0]!, { itemId: "n1", sourceRef: "src-z" }] })
      .thenRefuses("VaultImportInvalid", { reason: "duplicate-item" })
    spec
      .given(activated)
      .when({ ...recordImport, items: [items[0]!, { itemId: "n9", sourceRef: "src-a" }] })
      .thenRefuses("VaultImportInvalid", { reason: "duplicate-item" })
    // An item id the vault already has, for a new source.
    spec
      .given([...activated, VaultItemAdded.make({ itemId: "n1", at })])
      .when(recordImport)
      .thenRefuses("VaultImportInvalid", { reason: "duplicate-item" })
  })

  it("refuses items encrypted under a retired data key, and more items than a vault holds", () => {
    const rotated = [
      VaultKeyRotated.make({
        fromKeyVersion: 1,
        toKeyVersion: 2,
        dataKeyVersion: 2,
        reencrypted: true,
        keyProofDigest: "proof-2",
        retiredProofDigest: "proof-1",
        deviceId: device.deviceId,
        at,
      }),
      VaultKeyWrapped.make({ keyVersion: 2, dataKeyVersion: 2, envelope, at }),
    ]
    spec
      .given([...activated, ...rotated])
      .when({ ...recordImport, keyProofDigest: "proof-2" })
      .thenRefuses("VaultDataKeyStale", { dataKeyVersion: 2 })
    const full = Array.from({ length: vaultRules.itemLimit - 1 }, (_, i) =>
      VaultItemAdded.make({ itemId: `f${i}`, at }),
    )
    spec
      .given([...activated, ...full])
      .when(recordImport)
      .thenRefuses("VaultFull", { limit: vaultRules.itemLimit })
  })
})
