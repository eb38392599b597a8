import { Data, DateTime, Effect, Either, Option } from "effect"
import type { EventMetadata, Instant } from "../../domain/kernel/index.js"
import {
  type LicenseCommand,
  type LicenseState,
  license,
  licenseStreamId,
} from "../../domain/licensing/license.js"
import {
  isCalendarDate,
  type LicenseTerms,
  type SalesChannel,
} from "../../domain/licensing/license-events.js"
import { defaultTimeZone, licenseStatus } from "../../domain/licensing/license-status.js"
import { parseProductKey } from "../../domain/licensing/product-key.js"
import { AccountDirectory, type AccountSummary } from "../accounts/account-directory.js"
import { maskKey } from "../accounts/account-mail.js"
import { loadAggregate, runCommand } from "../event-log/command-runner.js"
import { now } from "../platform/now.js"
import type { PageRequest } from "../platform/page.js"
import { type LicenseView, licenseView } from "./customer-licenses.js"
import { LicenseDirectory, type LicenseRecord } from "./license-directory.js"
import { findLicenseByKey, ProductKeyUnknown } from "./preview-key.js"

// Support's tools over licences (the CLI's `licenses` commands): a licence is named by its key as
// typed, or by its id, the key's HMAC as `GET /v1/licenses` shows it. Keys are only ever shown masked.

/** A renewal date that is not a calendar day, YYYY-MM-DD. */
export class ExpiryDateInvalid extends Data.TaggedError("ExpiryDateInvalid")<{
  readonly expiresOn: string
}> {}

const licenseIdPattern = /^[0-9a-fA-F]{64}$/

/** Whether the text names a licence by its id rather than by its key (keys are 18 or 30 characters). */
export const isLicenseId = (text: string) => licenseIdPattern.test(text.trim())

/** The key hash of the licence named by a key as typed or by its id; unknown ones fail ProductKeyUnknown. */
export const resolveLicense = Effect.fn("Licensing.resolveLicense")(function* (typedKeyOrId: string) {
  if (!isLicenseId(typedKeyOrId)) return yield* findLicenseByKey(typedKeyOrId)
  const keyHash = typedKeyOrId.trim().toLowerCase()
  const loaded = yield* loadAggregate(license, licenseStreamId(keyHash))
  if (loaded.state._tag === "Unknown") return yield* Effect.fail(new ProductKeyUnknown())
  return { keyHash, loaded }
})

/** What a support command answers after a change: the licence as it now stands, never its key. */
export interface LicenseAdminResult extends Omit<LicenseTerms, "channel"> {
  readonly id: string
  /** False when the licence already was as asked (renewed to its own date, suspended twice…). */
  readonly changed: boolean
  readonly registered: boolean
  readonly accountId: string | null
  readonly suspended: boolean
}

const summary = (keyHash: string, changed: boolean, state: LicenseState): LicenseAdminResult => {
  // The runner only answers after a decision on a known key, so the state is never Unknown here.
  if (state._tag === "Unknown") throw new Error(`licence ${keyHash} has no state after a command`)
  return {
    id: keyHash,
    changed,
    registered: state._tag === "Registered",
    accountId: state._tag === "Registered" ? state.accountId : null,
    suspended: state._tag === "Registered" && state.standing._tag === "Suspended",
    productId: state.key.productId,
    packageId: state.key.packageId,
    seats: state.key.seats,
    licenseType: state.key.licenseType,
    expiresOn: state.key.expiresOn,
  }
}

const change = (typedKeyOrId: string, command: (at: Instant) => LicenseCommand, metadata: EventMetadata) =>
  Effect.gen(function* () {
    // The support command decides on the stream it has just read to find the licence.
    const { keyHash, loaded } = yield* resolveLicense(typedKeyOrId)
    const result = yield* runCommand(license, licenseStreamId(keyHash), command(yield* now), {
      metadata,
      loaded,
    })
    return summary(keyHash, result.events.length > 0, result.state)
  })

/** Sets a new last valid day; registered or not. */
export const renewLicense = Effect.fn("Licensing.renew")(function* (
  typedKeyOrId: string,
  expiresOn: string,
  metadata: EventMetadata,
) {
  if (!isCalendarDate(expiresOn)) return yield* Effect.fail(new ExpiryDateInvalid({ expiresOn }))
  return yield* change(typedKeyOrId, (at) => ({ _tag: "Renew", expiresOn, at }), metadata)
})

/**
 * Whether renewing to this day would end the licence at once: its new last valid day is already
 * over in its owner's time zone (Asia/Tokyo for a key nobody registered). Support must say so.
 */
export const renewalEndsLicense = Effect.fn("Licensing.renewalEndsLicense")(function* (
  typedKeyOrId: string,
  expiresOn: string,
) {
  if (!isCalendarDate(expiresOn)) return yield* Effect.fail(new ExpiryDateInvalid({ expiresOn }))
  const { loaded } = yield* resolveLicense(typedKeyOrId)
  const owner =
    loaded.state._tag === "Registered"
      ? yield* (yield* AccountDirectory).byId(loaded.state.accountId)
      : Option.none<AccountSummary>()
  const timeZone = Option.match(owner, { onNone: () => defaultTimeZone, onSome: (a) => a.timeZone })
  const at = DateTime.unsafeMake(yield* now)
  return licenseStatus(expiresOn, at, { timeZone, expiringSoonDays: 0 }) === "expired"
})

/** Suspends a registered licence (LicenseNotRegistered for a key nobody registered). */
export const suspendLicense = Effect.fn("Licensing.suspend")(function* (
  typedKeyOrId: string,
  reason: string,
  metadata: EventMetadata,
) {
  return yield* change(typedKeyOrId, (at) => ({ _tag: "Suspend", reason, at }), metadata)
})

/** Lifts a suspension (LicenseNotRegistered for a key nobody registered). */
export const reinstateLicense = Effect.fn("Licensing.reinstate")(function* (
  typedKeyOrId: string,
  metadata: EventMetadata,
) {
  return yield* change(typedKeyOrId, (at) => ({ _tag: "Reinstate", at }), metadata)
})

/** Records how the licence was bought, as support corrects it (a switch plan reads the channel). */
export const changeLicenseChannel = Effect.fn("Licensing.changeChannel")(function* (
  typedKeyOrId: string,
  channel: SalesChannel,
  metadata: EventMetadata,
) {
  return yield* change(typedKeyOrId, (at) => ({ _tag: "ChangeChannel", channel, at }), metadata)
})

/**
 * Records the day the customer cancelled the contract (their calendar day; LicenseNotRegistered for
 * a key nobody registered). The licence stays valid to its last day.
 */
export const recordLicenseCancellation = Effect.fn("Licensing.recordCancellation")(function* (
  typedKeyOrId: string,
  cancelledOn: string,
  metadata: EventMetadata,
) {
  if (!isCalendarDate(cancelledOn))
    return yield* Effect.fail(new ExpiryDateInvalid({ expiresOn: cancelledOn }))
  return yield* change(typedKeyOrId, (at) => ({ _tag: "RecordCancellation", cancelledOn, at }), metadata)
})

/**
 * A licence as support sees it: what its owner sees, but the key masked but for its last group,
 * plus where it came from and who holds it.
 */
export type SupportLicenseView = Omit<LicenseView, "licenseKey" | "consoleUrl" | "status"> & {
  /** A key nobody registered is `unregistered` (or `expired`, once it can no longer be registered). */
  readonly status: LicenseView["status"] | "unregistered"
  readonly maskedKey: string
  readonly channel: string
  readonly issuedAt: string
  /** Null for a key nobody has registered yet. */
  readonly owner: { readonly accountId: string; readonly loginId: string | null } | null
}

/**
 * The support view of licence records. Status is evaluated now in the owner's time zone, or in
 * Asia/Tokyo for a key nobody registered (which is shown as unregistered, not active, as long as it
 * can still be registered); each owner is looked up once.
 */
export const supportLicenseViews = Effect.fn("Licensing.supportViews")(function* (
  records: ReadonlyArray<LicenseRecord>,
) {
  const directory = yield* AccountDirectory
  const at = DateTime.unsafeMake(yield* now)
  const owners = new Map<string, Option.Option<AccountSummary>>()
  const ownerOf = (accountId: string) =>
    Effect.gen(function* () {
      const known = owners.get(accountId)
      if (known) return known
      const found = yield* directory.byId(accountId)
      owners.set(accountId, found)
      return found
    })
  return yield* Effect.forEach(records, (record) =>
    Effect.gen(function* () {
      const owner = record.accountId === null ? Option.none() : yield* ownerOf(record.accountId)
      const timeZone = Option.match(owner, { onNone: () => defaultTimeZone, onSome: (a) => a.timeZone })
      const { licenseKey, consoleUrl: _consoleUrl, ...shown } = yield* licenseView(record, at, timeZone)
      return {
        ...shown,
        status: record.accountId === null && shown.status !== "expired" ? "unregistered" : shown.status,
        maskedKey: maskKey(Either.getOrThrow(parseProductKey(licenseKey))),
        channel: record.channel,
        issuedAt: record.issuedAt,
        owner:
          record.accountId === null
            ? null
            : {
                accountId: record.accountId,
                loginId: Option.match(owner, { onNone: () => null, onSome: (a) => a.loginId }),
              },
      } satisfies SupportLicenseView
    }),
  )
})

/** A page of support's licence list, newest issued first, optionally of one account. */
export const listLicensesForSupport = Effect.fn("Licensing.listForSupport")(function* (
  options: PageRequest & { readonly accountId?: string | undefined },
) {
  const page = yield* (yield* LicenseDirectory).list(options)
  return { ...page, items: yield* supportLicenseViews(page.items) }
})

/** One licence, named by its key as typed or by its id. */
export const showLicenseForSupport = Effect.fn("Licensing.showForSupport")(function* (typedKeyOrId: string) {
  const { keyHash } = yield* resolveLicense(typedKeyOrId)
  const record = yield* (yield* LicenseDirectory).byKeyHash(keyHash)
  // The read model is written in the same transaction as the log, so it cannot lag behind it.
  if (Option.isNone(record)) return yield* Effect.fail(new ProductKeyUnknown())
  const [view] = yield* supportLicenseViews([record.value])
  return view!
})
