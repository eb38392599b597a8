import { HashSet } from "effect"
import type { VaultEvent } from "./vault-events.js"
import type { ActiveVault, VaultState } from "./vault-state.js"

// How each vault event changes the state: it only sets, adds and removes; every rule is in `decide`.

/** Only reached if a case is missing: the compiler names the one left out. */
const unreachable = (value: never): never => {
  throw new Error(`unhandled vault event ${JSON.stringify(value)}`)
}

/** Changes an active vault; an event for a vault that is not active changes nothing. */
const onActive = (state: VaultState, change: (vault: ActiveVault) => ActiveVault): VaultState =>
  state._tag === "Active" ? { _tag: "Active", vault: change(state.vault) } : state

export const evolveVault = (state: VaultState, event: VaultEvent): VaultState => {
  switch (event._tag) {
    case "VaultActivated":
      return {
        _tag: "Active",
        vault: {
          vaultId: event.vaultId,
          product: event.product,
          activatedAt: event.at,
          key: { version: 1, proofDigest: event.keyProofDigest, since: event.at },
          retiredKeys: [],
          dataKeyVersion: 1,
          envelope: { _tag: "NoEnvelope" },
          devices: new Map([
            [
              event.device.deviceId,
              { ...event.device, keyVersion: 1, firstUnlockedAt: event.at, lastUnlockedAt: event.at },
            ],
          ]),
          itemIds: HashSet.empty(),
          lastActivityAt: event.at,
          importedSources: new Map(),
          importIds: new Set(),
        },
      }
    case "VaultKeyWrapped":
      return onActive(state, (vault) => ({
        ...vault,
        envelope: {
          _tag: "Wrapped",
          keyVersion: event.keyVersion,
          dataKeyVersion: event.dataKeyVersion,
          envelope: event.envelope,
        },
        lastActivityAt: event.at,
      }))
    case "VaultUnlocked":
      return onActive(state, (vault) => {
        const { deviceId, name, keyVersion, at } = event
        const firstUnlockedAt = vault.devices.get(deviceId)?.firstUnlockedAt ?? at
        const device = { deviceId, name, keyVersion, firstUnlockedAt, lastUnlockedAt: at }
        return { ...vault, devices: new Map(vault.devices).set(deviceId, device), lastActivityAt: at }
      })
    case "VaultItemAdded":
      return onActive(state, (vault) => ({
        ...vault,
        itemIds: HashSet.add(vault.itemIds, event.itemId),
        lastActivityAt: event.at,
      }))
    case "VaultItemRemoved":
      return onActive(state, (vault) => ({
        ...vault,
        itemIds: HashSet.remove(vault.itemIds, event.itemId),
        lastActivityAt: event.at,
      }))
    case "VaultKeyRotated":
      return onActive(state, (vault) => {
        const devices = new Map(vault.devices)
        const rotating = devices.get(event.deviceId)
        if (rotating) devices.set(event.deviceId, { ...rotating, keyVersion: event.toKeyVersion })
        return {
          ...vault,
          key: { version: event.toKeyVersion, proofDigest: event.keyProofDigest, since: event.at },
          retiredKeys: [
            ...vault.retiredKeys,
            { version: event.fromKeyVersion, proofDigest: event.retiredProofDigest, retiredAt: event.at },
          ],
          dataKeyVersion: event.dataKeyVersion,
          devices,
          lastActivityAt: event.at,
        }
      })
    case "VaultExported":
      return onActive(state, (vault) => ({ ...vault, lastExportedAt: event.at, lastActivityAt: event.at }))
    case "VaultImported":
      return onActive(state, (vault) => {
        const importedSources = new Map(vault.importedSources)
        for (const item of event.items) importedSources.set(item.sourceRef, item.itemId)
        return {
          ...vault,
          importedSources,
          importIds: new Set(vault.importIds).add(event.importId),
          lastActivityAt: event.at,
        }
      })
    case "VaultReset":
      // Whatever came before: after a reset the earlier events are erased, and the fold starts here.
      return { _tag: "Reset", vaultId: event.vaultId, product: event.product, resetAt: event.at }
  }
  return unreachable(event)
}
