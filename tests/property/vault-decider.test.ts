import { Either } from "effect"
import { describe, expect } from "vitest"
import { fold } from "../../domain/kernel/decider.js"
import {
  currentEnvelope,
  type VaultCommand,
  type VaultState,
  vaultDecider,
  vaultRules,
} from "../../domain/vault/vault.js"
import type { VaultEvent } from "../../domain/vault/vault-events.js"
import { vaultItemDecider } from "../../domain/vault/vault-item.js"
import { describeCommandScripts } from "../support/command-scripts.js"
import { vaultItemScripts, vaultScripts } from "../support/vault-scripts.js"

// The vault and vault item deciders over random command scripts (tests/support/vault-scripts.ts):
// the scripts must reach rotations with and without re-encryption, stale and wrong keys, resets and
// a new vault after one, and every invariant holds over every trace.

/** The state as plain data, so two folds compare whatever order their sets were built in. */
const view = (state: VaultState) =>
  state._tag === "Active"
    ? {
        ...state.vault,
        itemIds: [...state.vault.itemIds].sort(),
        importedSources: [...state.vault.importedSources].sort(([a], [b]) => a.localeCompare(b)),
        importIds: [...state.vault.importIds].sort(),
        devices: [...state.vault.devices.values()].sort((a, b) => a.deviceId.localeCompare(b.deviceId)),
      }
    : state

/** The log as erasure leaves it: nothing before the last reset, and only the latest envelope. */
const afterErasure = (events: ReadonlyArray<VaultEvent>) => {
  const lastReset = events.map((e) => e._tag).lastIndexOf("VaultReset")
  const kept = events.slice(Math.max(lastReset, 0))
  const lastEnvelope = kept.map((e) => e._tag).lastIndexOf("VaultKeyWrapped")
  return kept.filter((e, i) => e._tag !== "VaultKeyWrapped" || i === lastEnvelope)
}

/** The proof a command opens the vault with (an activation brings a new key, and opens nothing). */
const proofOf = (command: VaultCommand) =>
  command._tag !== "Activate" && "keyProofDigest" in command ? command.keyProofDigest : undefined

describe("vault decider over random command sequences", () => {
  describeCommandScripts(vaultScripts, {
    coverage: {
      labels: ({ command, events, refusal, before }) => [
        ...events.map((e) => (e._tag === "VaultKeyRotated" ? `${e._tag}:${e.reencrypted}` : e._tag)),
        ...(refusal === undefined ? [] : [refusal._tag]),
        ...(before._tag === "Reset" && events.some((e) => e._tag === "VaultActivated")
          ? ["activated again"]
          : []),
        ...(before._tag === "Active" && before.vault.key.version >= 3 ? ["third key"] : []),
        ...(command._tag === "RecordImport" && refusal === undefined && events.length === 0
          ? ["import added nothing"]
          : []),
        ...events.flatMap((e) =>
          e._tag === "VaultImported" && e.alreadyThere > 0 ? ["import partly there"] : [],
        ),
        ...(refusal?._tag === "VaultImportInvalid" ? [`VaultImportInvalid:${refusal.reason}`] : []),
      ],
      required: [
        "VaultActivated",
        "VaultUnlocked",
        "VaultItemAdded",
        "VaultItemRemoved",
        "VaultKeyRotated:false",
        "VaultKeyRotated:true",
        "VaultReset",
        "activated again",
        "third key",
        "VaultNotActivated",
        "VaultAlreadyActivated",
        "VaultIdReused",
        "VaultKeyIncorrect",
        "VaultKeyStale",
        "VaultKeyNotNew",
        "VaultDataKeyStale",
        "VaultReencryptionIncomplete",
        "VaultImported",
        "import added nothing",
        "import partly there",
        "VaultImportInvalid:same-product",
        "VaultImportInvalid:duplicate-item",
      ],
      atLeast: 10,
    },
    invariants: {
      "grows the key version one step per rotation, from 1 in every new vault": (trace) => {
        for (const { before, after, events } of trace) {
          if (after._tag !== "Active") continue
          const rotations = events.filter((e) => e._tag === "VaultKeyRotated").length
          if (before._tag === "Active" && before.vault.vaultId === after.vault.vaultId) {
            expect(after.vault.key.version).toBe(before.vault.key.version + rotations)
            expect(after.vault.dataKeyVersion).toBeGreaterThanOrEqual(before.vault.dataKeyVersion)
          } else {
            expect(after.vault.key.version).toBe(1)
            expect(after.vault.dataKeyVersion).toBe(1)
          }
        }
      },

      "never opens the vault with a retired key's proof: it is told the key changed": (trace) => {
        const retired = new Set<string>()
        for (const { command, events, refusal } of trace) {
          const proof = proofOf(command)
          if (proof !== undefined && retired.has(proof)) {
            expect(events).toEqual([])
            // A rotation sent again after it was made answers [] (its old proof is the retired one).
            if (command._tag !== "RotateKey" || refusal !== undefined)
              expect(refusal?._tag).toBe("VaultKeyStale")
          }
          for (const event of events) {
            if (event._tag === "VaultKeyRotated") retired.add(event.retiredProofDigest)
            if (event._tag === "VaultReset") retired.clear()
          }
        }
      },

      "after a reset, nothing of the old vault is reachable: not its keys, items, devices or id": (trace) => {
        const earlier = new Set<string>()
        let proofs = new Set<string>()
        for (const { command, before, after, events, refusal } of trace) {
          const proof = proofOf(command)
          if (proof !== undefined && earlier.has(proof) && !proofs.has(proof)) {
            expect(events).toEqual([])
            expect(refusal?._tag).toBe(before._tag === "Active" ? "VaultKeyIncorrect" : "VaultNotActivated")
          }
          if (before._tag === "Reset" && command._tag !== "Activate" && command._tag !== "Reset") {
            expect(refusal?._tag).toBe("VaultNotActivated")
          }
          for (const event of events) {
            if (event._tag === "VaultActivated") {
              proofs = new Set([event.keyProofDigest])
              expect(after._tag === "Active" && after.vault.retiredKeys).toEqual([])
              expect(after._tag === "Active" && after.vault.devices.size).toBe(1)
              expect(after._tag === "Active" && [...after.vault.itemIds]).toEqual([])
              if (before._tag === "Reset") expect(event.vaultId).not.toBe(before.vaultId)
            }
            if (event._tag === "VaultKeyRotated") proofs.add(event.keyProofDigest)
            if (event._tag === "VaultReset") {
              for (const p of proofs) earlier.add(p)
              proofs = new Set()
            }
          }
        }
      },

      "adds an item once, removes it once, within the limit, and a reset names exactly the items": (
        trace,
      ) => {
        let items = new Set<string>()
        for (const { after, events } of trace) {
          for (const event of events) {
            switch (event._tag) {
              case "VaultActivated":
                items = new Set()
                break
              case "VaultItemAdded":
                expect(items.has(event.itemId)).toBe(false)
                items.add(event.itemId)
                break
              case "VaultItemRemoved":
                expect(items.has(event.itemId)).toBe(true)
                items.delete(event.itemId)
                break
              case "VaultReset":
                expect([...event.itemIds].sort()).toEqual([...items].sort())
                break
              default:
                break
            }
          }
          expect(items.size).toBeLessThanOrEqual(vaultRules.itemLimit)
          if (after._tag === "Active") expect([...after.vault.itemIds].sort()).toEqual([...items].sort())
        }
      },

      "imports each source once per vault, adding exactly the new items and counting the rest": (trace) => {
        let sources = new Map<string, string>()
        for (const { command, before, events } of trace) {
          for (const event of events) {
            if (event._tag === "VaultActivated") sources = new Map()
            if (event._tag !== "VaultImported" || command._tag !== "RecordImport") continue
            for (const item of event.items) {
              expect(sources.has(item.sourceRef)).toBe(false)
              sources.set(item.sourceRef, item.itemId)
            }
            const added = events.filter((e) => e._tag === "VaultItemAdded").map((e) => e.itemId)
            expect(added).toEqual(event.items.map((i) => i.itemId))
            expect(event.items.length + event.alreadyThere).toBe(command.items.length)
            expect(event.skippedCount).toBe(command.skippedCount)
            expect(before._tag === "Active" && before.vault.product).not.toBe(event.fromProduct)
          }
        }
      },

      "re-encrypts only with every item, under the next data key": (trace) => {
        for (const { command, before, events } of trace) {
          for (const event of events) {
            if (event._tag !== "VaultKeyRotated" || before._tag !== "Active") continue
            expect(event.reencrypted).toBe(command._tag === "RotateKey" && command.reencrypt !== undefined)
            expect(event.dataKeyVersion).toBe(before.vault.dataKeyVersion + (event.reencrypted ? 1 : 0))
            if (command._tag === "RotateKey" && command.reencrypt) {
              expect([...command.reencrypt.itemIds].sort()).toEqual([...before.vault.itemIds].sort())
            }
          }
        }
      },

      "dates every event by its command, and always ends a fold holding the current key's envelope": (
        trace,
      ) => {
        for (const { command, after, events } of trace) {
          for (const event of events) expect(event.at).toBe(command.at)
          if (after._tag !== "Active") continue
          expect(currentEnvelope(after.vault)).toBeDefined()
          const last = events[events.length - 1]
          if (last) expect(after.vault.lastActivityAt).toBe(last.at)
        }
      },

      "folds to the same state from the log as erasure leaves it": (trace) => {
        const events = trace.flatMap((decided) => decided.events)
        const foldVault = fold(vaultDecider)
        expect(view(foldVault(afterErasure(events)))).toEqual(view(foldVault(events)))
      },

      "answers a command decided again right after itself with [] or a refusal": (trace) => {
        for (const { command, after } of trace) {
          const again = vaultDecider.decide(command, after)
          if (Either.isRight(again)) expect(again.right).toEqual([])
        }
      },
    },
  })
})

describe("vault item decider over random command sequences", () => {
  describeCommandScripts(vaultItemScripts, {
    coverage: {
      labels: ({ events, refusal }) => [
        ...events.map((e) => e._tag),
        ...(refusal === undefined ? [] : [refusal._tag]),
        ...(refusal === undefined && events.length === 0 ? ["sent again"] : []),
      ],
      required: [
        "VaultItemSaved",
        "VaultItemDeleted",
        "VaultItemConflict",
        "VaultItemGone",
        "VaultItemNotFound",
        "VaultDataKeyStale",
        "sent again",
      ],
      atLeast: 10,
    },
    invariants: {
      "numbers the item's versions as its stream's, without gaps": (trace) => {
        let streamVersion = 0
        for (const { events } of trace) {
          for (const event of events) expect(event.version).toBe(++streamVersion)
        }
      },

      "writes only on the version the device read, and names the current one when it refuses": (trace) => {
        for (const { command, before, events, refusal } of trace) {
          const version = before._tag === "Absent" ? 0 : before.version
          if (events.length > 0) expect(command.baseVersion).toBe(version)
          if (refusal?._tag === "VaultItemConflict") expect(refusal.currentVersion).toBe(version)
        }
      },

      "never saves under an older data key than the item's": (trace) => {
        let dataKeyVersion = Number.NEGATIVE_INFINITY
        for (const { events } of trace) {
          for (const event of events) {
            if (event._tag !== "VaultItemSaved") continue
            expect(event.dataKeyVersion).toBeGreaterThanOrEqual(dataKeyVersion)
            dataKeyVersion = event.dataKeyVersion
          }
        }
      },

      "answers a command decided again right after itself with [] or a refusal": (trace) => {
        for (const { command, after } of trace) {
          const again = vaultItemDecider.decide(command, after)
          if (Either.isRight(again)) expect(again.right).toEqual([])
        }
      },
    },
  })
})
