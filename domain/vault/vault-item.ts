import { Either } from "effect"
import type { Decider } from "../kernel/decider.js"
import { makeEventCodec } from "../kernel/event-codec.js"
import type { Instant } from "../kernel/instant.js"
import {
  VaultDataKeyStale,
  VaultItemConflict,
  type VaultItemError,
  VaultItemGone,
  VaultItemNotFound,
} from "./vault-errors.js"
import { VaultItemDeleted, type VaultItemEvent, VaultItemSaved } from "./vault-events.js"

// One vault item: its own stream (`vaultItemStreamId`), so its version is the stream's and a save
// folds only this item's events. The vault stream decides in the same append whether the device
// may write at all (`AuthorizeItemWrite`); this decider keeps two devices from overwriting each other.

export type VaultItemState =
  | { readonly _tag: "Absent" }
  | {
      readonly _tag: "Present"
      readonly version: number
      readonly dataKeyVersion: number
      /** The nonce of the save: a save sent again carries the same one, a new save never does. */
      readonly iv: string
      readonly savedAt: Instant
    }
  | { readonly _tag: "Deleted"; readonly version: number; readonly deletedAt: Instant }

export type VaultItemCommand =
  | {
      readonly _tag: "SaveItem"
      /** The version the device read and wrote over; 0 for a new item. */
      readonly baseVersion: number
      readonly dataKeyVersion: number
      readonly iv: string
      readonly ciphertext: string
      readonly at: Instant
    }
  | { readonly _tag: "DeleteItem"; readonly baseVersion: number; readonly at: Instant }

const ok = (events: ReadonlyArray<VaultItemEvent>) => Either.right(events)
const conflict = (currentVersion: number) => Either.left(new VaultItemConflict({ currentVersion }))

/** Only reached if a case is missing: the compiler names the one left out. */
const unreachable = (value: never): never => {
  throw new Error(`unhandled vault item case ${JSON.stringify(value)}`)
}

const decide = (
  command: VaultItemCommand,
  state: VaultItemState,
): Either.Either<ReadonlyArray<VaultItemEvent>, VaultItemError> => {
  switch (command._tag) {
    case "SaveItem": {
      const { baseVersion, dataKeyVersion, iv, ciphertext, at } = command
      switch (state._tag) {
        case "Absent":
          return baseVersion === 0
            ? ok([VaultItemSaved.make({ version: 1, dataKeyVersion, iv, ciphertext, at })])
            : conflict(0)
        case "Present":
          if (baseVersion === state.version - 1 && iv === state.iv) return ok([])
          if (baseVersion !== state.version) return conflict(state.version)
          // Never back under an older data key: a rotation that re-encrypted retired it.
          if (dataKeyVersion < state.dataKeyVersion) {
            return Either.left(new VaultDataKeyStale({ dataKeyVersion: state.dataKeyVersion }))
          }
          return ok([VaultItemSaved.make({ version: state.version + 1, dataKeyVersion, iv, ciphertext, at })])
        case "Deleted":
          return Either.left(new VaultItemGone())
      }
      return unreachable(state)
    }
    case "DeleteItem":
      switch (state._tag) {
        case "Absent":
          return Either.left(new VaultItemNotFound())
        case "Present":
          return command.baseVersion === state.version
            ? ok([VaultItemDeleted.make({ version: state.version + 1, at: command.at })])
            : conflict(state.version)
        case "Deleted":
          return command.baseVersion === state.version - 1 ? ok([]) : Either.left(new VaultItemGone())
      }
      return unreachable(state)
  }
  return unreachable(command)
}

const evolve = (_state: VaultItemState, event: VaultItemEvent): VaultItemState => {
  switch (event._tag) {
    case "VaultItemSaved":
      return {
        _tag: "Present",
        version: event.version,
        dataKeyVersion: event.dataKeyVersion,
        iv: event.iv,
        savedAt: event.at,
      }
    case "VaultItemDeleted":
      return { _tag: "Deleted", version: event.version, deletedAt: event.at }
  }
  return unreachable(event)
}

export const vaultItemDecider: Decider<VaultItemCommand, VaultItemState, VaultItemEvent, VaultItemError> = {
  initialState: { _tag: "Absent" },
  decide,
  evolve,
  isTerminal: (state) => state._tag === "Deleted",
}

export const vaultItemCodec = makeEventCodec({
  VaultItemSaved: { schema: VaultItemSaved },
  VaultItemDeleted: { schema: VaultItemDeleted },
})

export const vaultItem = { decider: vaultItemDecider, codec: vaultItemCodec }
