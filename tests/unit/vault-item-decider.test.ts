import { describe, it } from "vitest"
import { Instant } from "../../domain/kernel/index.js"
import { VaultItemDeleted, VaultItemSaved } from "../../domain/vault/vault-events.js"
import { vaultItemDecider } from "../../domain/vault/vault-item.js"
import { deciderSpec } from "../support/decider-spec.js"

const at = Instant.make("2026-12-01T09:00:00.000Z")
const save = (baseVersion: number, iv: string, dataKeyVersion = 1) => ({
  _tag: "SaveItem" as const,
  baseVersion,
  dataKeyVersion,
  iv,
  ciphertext: `ct-${iv}`,
  at,
})
const saved = (version: number, iv: string, dataKeyVersion = 1) =>
  VaultItemSaved.make({ version, dataKeyVersion, iv, ciphertext: `ct-${iv}`, at })
const spec = deciderSpec(vaultItemDecider)

describe("vault item decider", () => {
  it("saves a new item at version 1, and each save on the version read at the next one", () => {
    spec
      .given([])
      .when(save(0, "a"))
      .thenEmits([saved(1, "a")])
    spec
      .given([saved(1, "a")])
      .when(save(1, "b"))
      .thenEmits([saved(2, "b")])
  })

  it("refuses a save on a version another device already wrote over, naming the current one", () => {
    spec
      .given([saved(1, "a"), saved(2, "b")])
      .when(save(1, "c"))
      .thenRefuses("VaultItemConflict", { currentVersion: 2 })
    spec.given([]).when(save(3, "c")).thenRefuses("VaultItemConflict", { currentVersion: 0 })
  })

  it("takes the same save sent again as one save", () => {
    spec
      .given([saved(1, "a")])
      .when(save(0, "a"))
      .thenNothing()
  })

  it("never goes back to an older data key", () => {
    spec
      .given([saved(1, "a", 2)])
      .when(save(1, "b", 1))
      .thenRefuses("VaultDataKeyStale", { dataKeyVersion: 2 })
    spec
      .given([saved(1, "a", 1)])
      .when(save(1, "b", 2))
      .thenEmits([saved(2, "b", 2)])
  })

  it("deletes an item on the version read, once; a deleted item is never written again", () => {
    const deleted = VaultItemDeleted.make({ version: 3, at })
    spec
      .given([saved(1, "a"), saved(2, "b")])
      .when({ _tag: "DeleteItem", baseVersion: 2, at })
      .thenEmits([deleted])
    spec
      .given([saved(1, "a"), saved(2, "b")])
      .when({ _tag: "DeleteItem", baseVersion: 1, at })
      .thenRefuses("VaultItemConflict", { currentVersion: 2 })
    spec
      .given([saved(1, "a"), saved(2, "b"), deleted])
      .when({ _tag: "DeleteItem", baseVersion: 2, at })
      .thenNothing()
    spec
      .given([saved(1, "a"), saved(2, "b"), deleted])
      .when(save(3, "c"))
      .thenRefuses("VaultItemGone")
    spec.given([]).when({ _tag: "DeleteItem", baseVersion: 0, at }).thenRefuses("VaultItemNotFound")
  })

  it("folds a deleted item the same once its saves are erased", () => {
    spec
      .given([VaultItemDeleted.make({ version: 3, at })])
      .when(save(0, "c"))
      .thenRefuses("VaultItemGone")
  })
})
