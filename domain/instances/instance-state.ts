import type { Instant } from "../kernel/instant.js"
import type { ConsoleUser } from "./instance-events.js"

export const instanceStreamId = (instanceId: string) => `instance-${instanceId}`

/** The product an Apex One SaaS instance becomes (the catalogue's Vision One SEP). */
export const updateTarget = "vision-one-sep"

/** What every stage past the request knows. */
export interface InstanceFacts {
  readonly accountId: string
  readonly licenseKeyHash: string
  readonly productId: string
}

export interface PendingToken {
  readonly tokenDigest: string
  readonly expiresAt: Instant
}

export interface UserAccount extends ConsoleUser {
  /** After the update: the user signs in once more with the old name, to upgrade to an e-mail account. */
  readonly mustUpgrade: boolean
}

export interface LastFailure {
  readonly attempt: number
  readonly reason: string
  readonly retryAt: Instant
  readonly at: Instant
}

interface Registered {
  readonly facts: InstanceFacts
  readonly usedToken: string
  readonly users: ReadonlyArray<UserAccount>
}

export type InstanceState =
  | { readonly _tag: "None" }
  | { readonly _tag: "Provisioning"; readonly facts: InstanceFacts }
  | { readonly _tag: "Ready"; readonly facts: InstanceFacts; readonly token?: PendingToken }
  | (Registered & {
      readonly _tag: "Connected"
      readonly attempts: number
      readonly lastFailure?: LastFailure
    })
  | (Registered & { readonly _tag: "Updating"; readonly attempt: number; readonly begun: boolean })
  | (Registered & { readonly _tag: "Switched"; readonly attempt: number; readonly switchedAt: Instant })

/** The status the product-instance list shows. */
export type InstanceStatus = "provisioning" | "ready" | "connected" | "updating"

export const statusOf = (state: Exclude<InstanceState, { _tag: "None" }>): InstanceStatus => {
  switch (state._tag) {
    case "Provisioning":
      return "provisioning"
    case "Ready":
      return "ready"
    case "Updating":
      return "updating"
    case "Connected":
    case "Switched":
      return "connected"
  }
}

/** The product it is connected as: the licence's until the update finishes, then the target. */
export const productOf = (state: Exclude<InstanceState, { _tag: "None" }>): string =>
  state._tag === "Switched" ? updateTarget : state.facts.productId
