// A customer base for switch plans, on the real app layer: licences of a product registered to new
// accounts, sold through a channel, some cancelled, suspended or expiring.
import { Effect } from "effect"
import { runCommand } from "../../application/event-log/command-runner.js"
import { instantFromMillis } from "../../domain/kernel/index.js"
import { license, licenseStreamId } from "../../domain/licensing/license.js"
import type { SalesChannel } from "../../domain/licensing/license-events.js"
import { operator, start, type VaultApp } from "./vault-app.js"

export interface Holding {
  readonly channel: SalesChannel
  readonly cancelledOn?: string
  readonly expiresOn?: string
  readonly suspended?: boolean
  readonly productId?: string
  /** The account to register it to; a new one when left out. */
  readonly accountId?: string
}

/** Licence ids (key hashes) that sort in the order they were made, under `prefix`. */
export const baseOf = (app: VaultApp, prefix = "a") => {
  let n = 0
  return (holding: Holding) =>
    Effect.gen(function* () {
      n++
      const keyHash = `${prefix}${String(n).padStart(4, "0")}`.padEnd(64, "0")
      const stream = licenseStreamId(keyHash)
      const accountId = holding.accountId ?? (yield* app.register)
      const at = instantFromMillis(start)
      const key = {
        keyHash,
        sealedKey: "v1.k.n.b",
        kind: "rk" as const,
        productId: holding.productId ?? "password-manager",
        packageId: "annual",
        seats: 1,
        licenseType: "full" as const,
        expiresOn: holding.expiresOn ?? "2027-03-31",
        channel: holding.channel,
        batchId: "b1",
      }
      const meta = { metadata: operator }
      yield* runCommand(license, stream, { _tag: "IssueKey", key, at }, meta)
      yield* runCommand(license, stream, { _tag: "Register", accountId, today: "2026-01-01", at }, meta)
      if (holding.cancelledOn !== undefined) {
        yield* runCommand(
          license,
          stream,
          { _tag: "RecordCancellation", cancelledOn: holding.cancelledOn, at },
          meta,
        )
      }
      if (holding.suspended)
        yield* runCommand(license, stream, { _tag: "Suspend", reason: "chargeback", at }, meta)
      return { keyHash, accountId }
    })
}
