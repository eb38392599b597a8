import { Effect } from "effect"
import { accountStreamId } from "../../domain/accounts/account.js"
import type { AccountEvent } from "../../domain/accounts/account-events.js"
import { EventStore } from "../event-log/event-store.js"

/** The three sections of the account its owner changes, each replaced whole by its own form. */
export type Section = "user" | "contractor" | "supportContact"

/**
 * The account version a form showed one section at (the portal's hidden field). Unlike `If-Match`,
 * which names the whole account, only a change of this section since then refuses the change: a
 * change of another section, a password change or a reset request is no conflict with this form.
 */
export interface SectionSeenAt {
  readonly sectionSeenAt: number
}

const changedBy = {
  user: "UserDetailsChanged",
  contractor: "ContractorChanged",
  supportContact: "SupportContactChanged",
} as const satisfies Record<Section, AccountEvent["_tag"]>

/**
 * The versions to decide on for a form seen at `sectionSeenAt`: the account's current version when
 * nothing has changed this section since, else the seen one, which the stream has moved past (so
 * the change is refused as `PreconditionFailed`, and nothing the user never saw is overwritten).
 */
export const versionsToDecideOn = (accountId: string, section: Section, seen: SectionSeenAt) =>
  Effect.gen(function* () {
    const later = yield* (yield* EventStore).readStream(accountStreamId(accountId), {
      fromVersion: seen.sectionSeenAt + 1,
    })
    // The event's name is enough: an erased event still says what it changed.
    const touched = later.some((event) => event.type === changedBy[section])
    const current = later.at(-1)?.streamVersion ?? seen.sectionSeenAt
    return touched ? [seen.sectionSeenAt] : [current]
  })
