import { Context, type Effect } from "effect"
import type { NotSwitchedReason, SalesChannel } from "../../domain/licensing/license-events.js"

/** A registered licence as a switch plan decides on it. */
export interface SwitchSource {
  readonly licenseId: string
  readonly accountId: string
  readonly timeZone: string
  readonly channel: SalesChannel
  readonly cancelledOn?: string
  readonly expiresOn: string
  readonly suspended: boolean
}

/** What a plan decided for one licence, as the read model keeps it. */
export type SwitchResult = {
  readonly planId: string
  readonly licenseId: string
  readonly accountId: string
  readonly decidedAt: string
} & (
  | {
      readonly outcome: "switched"
      /** The licence's new product and its (unchanged) last day. */
      readonly productId: string
      readonly expiresOn: string
    }
  | { readonly outcome: "not-switched"; readonly reason: NotSwitchedReason }
)

export interface SwitchCounts {
  readonly switched: number
  readonly notSwitched: Readonly<Partial<Record<NotSwitchedReason, number>>>
}

/** The mails a plan's run queued, by where they stand in the outbox. */
export interface SwitchMailCounts {
  readonly queued: number
  readonly sent: number
  readonly waiting: number
  readonly failed: number
}

/** The read side of a switch programme: its sources, its results, its mail. */
export interface SwitchLedgerApi {
  /**
   * The registered licences of `productId` with what the plan reads of them and their owner's time
   * zone, by licence id after `after`, a page at a time; with `undecidedBy`, only those that plan
   * has not decided yet (so a run resumes where it stopped).
   */
  readonly sources: (
    productId: string,
    page: { readonly after: string | undefined; readonly limit: number; readonly undecidedBy?: string },
  ) => Effect.Effect<ReadonlyArray<SwitchSource>>
  /** How many licences of the product the plan has not decided yet. */
  readonly undecided: (productId: string, planId: string) => Effect.Effect<number>
  readonly counts: (planId: string) => Effect.Effect<SwitchCounts>
  /** The plan's results by licence id after `after`, a page at a time. */
  readonly results: (
    planId: string,
    page: { readonly after: string | undefined; readonly limit: number },
  ) => Effect.Effect<ReadonlyArray<SwitchResult>>
  /** Every result of the account's licences, of every plan, oldest first. */
  readonly forAccount: (accountId: string) => Effect.Effect<ReadonlyArray<SwitchResult>>
  /**
   * The paid, unsuspended licences of `productId` the accounts hold, with their channel and last
   * day: a switch mail says how to cancel one of them.
   */
  readonly paidLicences: (
    accountIds: ReadonlyArray<string>,
    productId: string,
  ) => Effect.Effect<
    ReadonlyArray<{ readonly accountId: string; readonly channel: SalesChannel; readonly expiresOn: string }>
  >
  /** How many of the plan's accounts imported `fromProduct`'s data into `toProduct`'s vault, and how many items. */
  readonly imports: (
    planId: string,
    route: { readonly fromProduct: string; readonly toProduct: string },
  ) => Effect.Effect<{ readonly accounts: number; readonly items: number }>
  /** The mails queued by appends correlated with `correlationId` (a plan's run). */
  readonly mails: (correlationId: string) => Effect.Effect<SwitchMailCounts>
}

export class SwitchLedger extends Context.Tag("application/SwitchLedger")<SwitchLedger, SwitchLedgerApi>() {}
