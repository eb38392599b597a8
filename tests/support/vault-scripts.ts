import { FastCheck as fc } from "effect"
import { instantFromMillis } from "../../domain/kernel/instant.js"
import {
  type VaultCommand,
  type VaultError,
  type VaultState,
  vaultDecider,
} from "../../domain/vault/vault.js"
import type { VaultItemError } from "../../domain/vault/vault-errors.js"
import type { VaultEvent, VaultItemEvent } from "../../domain/vault/vault-events.js"
import {
  type VaultItemCommand,
  type VaultItemState,
  vaultItemDecider,
} from "../../domain/vault/vault-item.js"
import type { CommandScripts } from "./command-scripts.js"

// Random command scripts for the vault and the vault item deciders (tests/support/command-scripts.ts).
//
// Left to chance, a script would seldom type the current key's proof, so proofs are drawn as kinds
// ("the current one", "a retired one", "one of an earlier vault", "a wrong one") and become what a
// device would send just before the command is decided. New keys and new vaults get fresh names,
// as the client's random keys and ids are; the decider still decides everything.

const minute = 60_000
const start = Date.UTC(2026, 0, 10, 9, 0, 0)

type Proof = "current" | "retired" | "old-vault" | "wrong"
const proof = fc.constantFrom<Proof>("current", "current", "current", "retired", "old-vault", "wrong")
const itemId = fc.constantFrom("i1", "i2", "i3", "i4")
const device = fc.constantFrom(
  { deviceId: "d1", name: "Laptop" },
  { deviceId: "d2", name: "Phone" },
  { deviceId: "d2", name: "Phone (renamed)" },
  { deviceId: "d3", name: "Tablet" },
)
const envelope = { salt: "salt", iv: "iv", wrappedVaultKey: "wrapped" }

/** A step as generated: the command's shape, with what the state must fill in named by kind. */
export type VaultStep =
  | { readonly _tag: "Activate"; readonly sameVaultId: boolean }
  | { readonly _tag: "Unlock"; readonly proof: Proof; readonly device: { deviceId: string; name: string } }
  | {
      readonly _tag: "AuthorizeItemWrite"
      readonly proof: Proof
      readonly itemId: string
      readonly dataKey: "current" | "older" | "newer"
    }
  | { readonly _tag: "RemoveItem"; readonly proof: Proof; readonly itemId: string }
  | {
      readonly _tag: "RotateKey"
      readonly proof: Proof
      readonly fromCurrent: boolean
      readonly newKey: "fresh" | "current" | "retired"
      readonly reencrypt: "no" | "all" | "some" | "wrong-version"
    }
  | { readonly _tag: "RecordExport"; readonly proof: Proof; readonly itemCount: number }
  | {
      readonly _tag: "RecordImport"
      readonly proof: Proof
      /** The Password Manager items it carries, by source; some were imported before. */
      readonly sources: ReadonlyArray<string>
      readonly shape:
        | "fine"
        | "fine"
        | "same-import"
        | "own-product"
        | "existing-item"
        | "source-twice"
        | "older-data-key"
      readonly skippedCount: number
    }
  | { readonly _tag: "Reset" }
  | { readonly _tag: "Again" }

const step: fc.Arbitrary<VaultStep> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ _tag: fc.constant("Activate" as const), sameVaultId: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ _tag: fc.constant("Unlock" as const), proof, device }) },
  {
    weight: 6,
    arbitrary: fc.record({
      _tag: fc.constant("AuthorizeItemWrite" as const),
      proof,
      itemId,
      dataKey: fc.constantFrom("current" as const, "current" as const, "older" as const, "newer" as const),
    }),
  },
  { weight: 3, arbitrary: fc.record({ _tag: fc.constant("RemoveItem" as const), proof, itemId }) },
  {
    weight: 4,
    arbitrary: fc.record({
      _tag: fc.constant("RotateKey" as const),
      proof,
      fromCurrent: fc.constantFrom(true, true, true, false),
      newKey: fc.constantFrom(
        "fresh" as const,
        "fresh" as const,
        "fresh" as const,
        "current" as const,
        "retired" as const,
      ),
      reencrypt: fc.constantFrom(
        "no" as const,
        "all" as const,
        "all" as const,
        "some" as const,
        "wrong-version" as const,
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ _tag: fc.constant("RecordExport" as const), proof, itemCount: fc.nat(5) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      _tag: fc.constant("RecordImport" as const),
      proof,
      sources: fc.subarray(["s1", "s2", "s3", "s4", "s5"], { minLength: 1 }),
      shape: fc.constantFrom(
        "fine" as const,
        "fine" as const,
        "fine" as const,
        "same-import" as const,
        "own-product" as const,
        "existing-item" as const,
        "source-twice" as const,
        "older-data-key" as const,
      ),
      skippedCount: fc.nat(3),
    }),
  },
  { weight: 1, arbitrary: fc.record({ _tag: fc.constant("Reset" as const) }) },
  // The command just decided, sent again: a retried request.
  { weight: 2, arbitrary: fc.record({ _tag: fc.constant("Again" as const) }) },
)

/** Most scripts open with an activation, or they would spend their steps refused. */
const vaultScript = fc
  .tuple(fc.boolean(), fc.array(fc.tuple(step, fc.nat(30)), { minLength: 1, maxLength: 40, size: "max" }))
  .map(([activateFirst, rest]) =>
    activateFirst ? [[{ _tag: "Activate", sameVaultId: false } as VaultStep, 0] as const, ...rest] : rest,
  )

type Step = readonly [VaultStep, number]

/** Each run keeps its clock, its fresh names, and the proofs of every vault it has seen. */
const vaultResolver = () => {
  let time = start
  let fresh = 0
  let previous: VaultCommand | undefined
  let lastImportId = "import-0"
  const proofsOfVaults = new Map<string, Array<string>>()
  const next = (prefix: string) => `${prefix}${++fresh}`

  return ([generated, wait]: Step, state: VaultState): VaultCommand => {
    time += wait * minute
    const at = instantFromMillis(time)
    if (state._tag === "Active") {
      const { vaultId, key, retiredKeys } = state.vault
      proofsOfVaults.set(vaultId, [key.proofDigest, ...retiredKeys.map((k) => k.proofDigest)])
    }
    const vault = state._tag === "Active" ? state.vault : undefined
    const proofOf = (kind: Proof): string => {
      switch (kind) {
        case "current":
          return vault?.key.proofDigest ?? "proof-none"
        case "retired":
          return vault?.retiredKeys[0]?.proofDigest ?? vault?.key.proofDigest ?? "proof-none"
        case "old-vault": {
          const others = [...proofsOfVaults].filter(([id]) => id !== vault?.vaultId).flatMap(([, p]) => p)
          return others[0] ?? "proof-wrong"
        }
        case "wrong":
          return "proof-wrong"
      }
    }
    const command = ((): VaultCommand => {
      switch (generated._tag) {
        case "Again":
          return previous ?? { _tag: "Reset", by: { kind: "customer", id: "acc-1" }, at }
        case "Activate": {
          const lastVaultId =
            state._tag === "Active" ? state.vault.vaultId : state._tag === "Reset" ? state.vaultId : undefined
          return {
            _tag: "Activate",
            vaultId: generated.sameVaultId && lastVaultId !== undefined ? lastVaultId : next("vault-"),
            product: "id-protection",
            keyProofDigest: next("proof-"),
            envelope,
            device: { deviceId: "d1", name: "Laptop" },
            at,
          }
        }
        case "Unlock":
          return { _tag: "Unlock", keyProofDigest: proofOf(generated.proof), device: generated.device, at }
        case "AuthorizeItemWrite": {
          const current = vault?.dataKeyVersion ?? 1
          const offset = { current: 0, older: -1, newer: 1 }[generated.dataKey]
          return {
            _tag: "AuthorizeItemWrite",
            keyProofDigest: proofOf(generated.proof),
            itemId: generated.itemId,
            dataKeyVersion: current + offset,
            at,
          }
        }
        case "RemoveItem":
          return {
            _tag: "RemoveItem",
            keyProofDigest: proofOf(generated.proof),
            itemId: generated.itemId,
            at,
          }
        case "RotateKey": {
          const keyVersion = vault?.key.version ?? 1
          const dataKeyVersion = vault?.dataKeyVersion ?? 1
          const itemIds = vault ? [...vault.itemIds] : []
          const reencrypt =
            generated.reencrypt === "no"
              ? undefined
              : generated.reencrypt === "all"
                ? { dataKeyVersion: dataKeyVersion + 1, itemIds }
                : generated.reencrypt === "some"
                  ? { dataKeyVersion: dataKeyVersion + 1, itemIds: [...itemIds.slice(1), "i-stray"] }
                  : { dataKeyVersion, itemIds }
          return {
            _tag: "RotateKey",
            keyProofDigest: proofOf(generated.proof),
            fromKeyVersion: generated.fromCurrent ? keyVersion : keyVersion + 1,
            newKeyProofDigest: generated.newKey === "fresh" ? next("proof-") : proofOf(generated.newKey),
            envelope,
            ...(reencrypt === undefined ? {} : { reencrypt }),
            deviceId: "d1",
            at,
          }
        }
        case "RecordExport":
          return {
            _tag: "RecordExport",
            keyProofDigest: proofOf(generated.proof),
            itemCount: generated.itemCount,
            at,
          }
        case "RecordImport": {
          const { shape } = generated
          const importId = shape === "same-import" ? lastImportId : next("import-")
          lastImportId = importId
          // Fresh item ids, as the client makes them; "existing-item" reuses one the vault may hold.
          const sources =
            shape === "source-twice"
              ? [...generated.sources, ...generated.sources.slice(0, 1)]
              : generated.sources
          const items = sources.map((source, i) => ({
            itemId: shape === "existing-item" && i === 0 ? "i1" : next("m-"),
            sourceRef: `ref-${source}`,
          }))
          return {
            _tag: "RecordImport",
            keyProofDigest: proofOf(generated.proof),
            importId,
            fromProduct: shape === "own-product" ? "id-protection" : "password-manager",
            dataKeyVersion: (vault?.dataKeyVersion ?? 1) - (shape === "older-data-key" ? 1 : 0),
            items,
            skippedCount: generated.skippedCount,
            at,
          }
        }
        case "Reset":
          return { _tag: "Reset", by: { kind: "operator", id: "op-1" }, reason: "lost key", at }
      }
    })()
    previous = command
    return command
  }
}

export const vaultScripts: CommandScripts<VaultCommand, VaultState, VaultEvent, VaultError, Step, "fresh"> = {
  decider: vaultDecider,
  scripts: vaultScript,
  resolver: vaultResolver,
  variants: ["fresh"],
  numRuns: 200,
}

// == one item's stream

export type ItemStep =
  | {
      readonly _tag: "SaveItem"
      readonly base: "current" | "previous" | "zero" | "ahead"
      readonly sameIv: boolean
      readonly dataKey: "current" | "older" | "newer"
    }
  | { readonly _tag: "DeleteItem"; readonly base: "current" | "previous" | "zero" | "ahead" }

const base = fc.constantFrom(
  "current" as const,
  "current" as const,
  "current" as const,
  "previous" as const,
  "zero" as const,
  "ahead" as const,
)
const itemStep: fc.Arbitrary<ItemStep> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      _tag: fc.constant("SaveItem" as const),
      base,
      sameIv: fc.boolean(),
      dataKey: fc.constantFrom("current" as const, "current" as const, "older" as const, "newer" as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ _tag: fc.constant("DeleteItem" as const), base }) },
)

const itemResolver = () => {
  let time = start
  let fresh = 0
  return (generated: ItemStep, state: VaultItemState): VaultItemCommand => {
    time += minute
    const at = instantFromMillis(time)
    const version = state._tag === "Absent" ? 0 : state.version
    const baseVersion = { current: version, previous: version - 1, zero: 0, ahead: version + 1 }[
      generated.base
    ]
    if (generated._tag === "DeleteItem") return { _tag: "DeleteItem", baseVersion, at }
    const dataKeyVersion =
      (state._tag === "Present" ? state.dataKeyVersion : 1) +
      { current: 0, older: -1, newer: 1 }[generated.dataKey]
    const iv = generated.sameIv && state._tag === "Present" ? state.iv : `iv-${++fresh}`
    return { _tag: "SaveItem", baseVersion, dataKeyVersion, iv, ciphertext: `ct-${iv}`, at }
  }
}

export const vaultItemScripts: CommandScripts<
  VaultItemCommand,
  VaultItemState,
  VaultItemEvent,
  VaultItemError,
  ItemStep,
  "fresh"
> = {
  decider: vaultItemDecider,
  scripts: fc.array(itemStep, { minLength: 1, maxLength: 30, size: "max" }),
  resolver: itemResolver,
  variants: ["fresh"],
  numRuns: 200,
}
