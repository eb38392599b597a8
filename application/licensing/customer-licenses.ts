import { DateTime, Effect, Either, Option, Schema } from "effect"
import { AccountNotFound, account, accountStreamId } from "../../domain/accounts/account.js"
import { companyOf, noticeAddress } from "../../domain/accounts/contact-addresses.js"
import type { EventMetadata } from "../../domain/kernel/index.js"
import type { LicenseTerms } from "../../domain/licensing/license-events.js"
import { defaultExpiringSoonDays, licenseStatus } from "../../domain/licensing/license-status.js"
import { formatProductKey, type KeyKind, parseProductKey } from "../../domain/licensing/product-key.js"
import { AccountDirectory } from "../accounts/account-directory.js"
import { licenseAddedMail } from "../accounts/account-mail.js"
import { commitAtomically } from "../event-log/atomic-commands.js"
import { loadAggregate } from "../event-log/command-runner.js"
import { idempotencyClaim } from "../event-log/idempotent-request.js"
import { KeyedDigest } from "../platform/keyed-digest.js"
import { now } from "../platform/now.js"
import { SecretBox } from "../platform/secret-box.js"
import { productKeyDigestPurpose } from "./issue-keys.js"
import { LicenseDirectory, type LicenseRecord } from "./license-directory.js"
import { cachedLicenseList } from "./license-list-cache.js"
import { ProductKeyUnknown } from "./preview-key.js"
import { registerKey } from "./register-key.js"

const activeAccount = (accountId: string) =>
  Effect.gen(function* () {
    const { state } = yield* loadAggregate(account, accountStreamId(accountId))
    if (state._tag !== "Active") return yield* new AccountNotFound()
    return state.account
  })

/** What adding a key answers, recorded under its idempotency key. */
const LicenseAdded = Schema.Struct({ keyHash: Schema.String, added: Schema.Boolean })

/** Adds a key to the account (manual §5.1), and mails "product added" to the support contact. */
export const addLicense = Effect.fn("Licensing.addLicense")(function* (
  accountId: string,
  typedKey: string,
  metadata: EventMetadata,
  idempotencyKey?: string,
) {
  const key = yield* parseProductKey(typedKey)
  const keyHash = yield* (yield* KeyedDigest).digest(productKeyDigestPurpose, key.canonical)
  return yield* commitAtomically(
    Effect.gen(function* () {
      const owner = yield* activeAccount(accountId)
      const at = yield* now
      // On the owner's calendar day: from a switch plan's day an unused key of its source registers as its target.
      const taken = yield* registerKey(keyHash, accountId, owner.timeZone, at)
      const alreadyMine = !taken.added
      const mail = alreadyMine
        ? []
        : [
            yield* licenseAddedMail({
              kind: "added",
              to: noticeAddress(owner),
              language: owner.language,
              loginId: owner.loginId,
              companyName: companyOf(owner),
              key,
              license: taken.key,
            }),
          ]
      return {
        writes: [taken.write],
        options: { metadata, outbox: mail },
        result: { keyHash, added: !alreadyMine },
      }
    }),
    {
      idempotency:
        idempotencyKey === undefined
          ? undefined
          : {
              claim: yield* idempotencyClaim(`account:${accountId}`, {
                key: idempotencyKey,
                request: { licenseKey: key.canonical },
              }),
              answer: LicenseAdded,
            },
    },
  )
})

export interface LicenseView
  extends Pick<LicenseTerms, "productId" | "packageId" | "seats" | "licenseType" | "expiresOn"> {
  readonly id: string
  readonly productName: { readonly ja: string; readonly en: string }
  readonly packageName: { readonly ja: string; readonly en: string }
  readonly licenseKey: string
  readonly kind: KeyKind
  readonly status: "active" | "expiring_soon" | "expired" | "suspended"
  readonly consoleUrl: string | null
  readonly registeredAt: string | null
}

// Opening 20 sealed keys was a third of a licence list's cost. An opened key is kept (bounded, by
// its sealed text): the process holds the server key anyway, so this adds no new exposure.
const openedKeys = new Map<string, string>()

const openKey = (record: LicenseRecord): Effect.Effect<string, never, SecretBox> => {
  const known = openedKeys.get(record.sealedKey)
  return known !== undefined ? Effect.succeed(known) : openSealedKey(record)
}

const openSealedKey = (record: LicenseRecord) =>
  Effect.gen(function* () {
    const box = yield* SecretBox
    const canonical = yield* box.open(record.sealedKey, `product-key:${record.keyHash}`).pipe(Effect.orDie)
    const formatted = formatProductKey(Either.getOrThrow(parseProductKey(canonical)))
    if (openedKeys.size >= 10_000) openedKeys.clear()
    openedKeys.set(record.sealedKey, formatted)
    return formatted
  })

/** A licence as its owner sees it, its status evaluated now in the account's time zone. */
export const licenseView = (record: LicenseRecord, now: DateTime.DateTime, timeZone: string) =>
  Effect.map(openKey(record), (licenseKey) => toLicenseView(record, licenseKey, now, timeZone))

const toLicenseView = (
  record: LicenseRecord,
  licenseKey: string,
  now: DateTime.DateTime,
  timeZone: string,
): LicenseView => {
  const product = record.product
  const pkg = product?.packages.find((p) => p.id === record.packageId)
  const status = record.suspended
    ? "suspended"
    : licenseStatus(record.expiresOn, now, {
        timeZone,
        expiringSoonDays: product?.expiringSoonDays ?? defaultExpiringSoonDays,
      })
  return {
    id: record.keyHash,
    productId: record.productId,
    productName: product?.names ?? { ja: record.productId, en: record.productId },
    packageId: record.packageId,
    packageName: pkg?.names ?? { ja: record.packageId, en: record.packageId },
    licenseKey,
    kind: record.kind,
    seats: record.seats,
    licenseType: record.licenseType,
    expiresOn: record.expiresOn,
    status,
    consoleUrl: product?.consoleUrl ?? null,
    registeredAt: record.registeredAt,
  }
}

/** The account's time zone (licences expire at the end of the day there), from the read model. */
const timeZoneOf = (accountId: string) =>
  Effect.flatMap(
    Effect.flatMap(AccountDirectory, (directory) => directory.byId(accountId)),
    Option.match({
      onNone: () => Effect.fail(new AccountNotFound()),
      onSome: (owner) => Effect.succeed(owner.timeZone),
    }),
  )

const nowUtc = Effect.map(now, DateTime.unsafeMake)

const listIn = Effect.fnUntraced(function* (accountId: string, timeZone: string) {
  const records = yield* (yield* LicenseDirectory).forAccount(accountId)
  const now = yield* nowUtc
  const keys = yield* Effect.forEach(records, openKey)
  return records.map((record, index) => toLicenseView(record, keys[index]!, now, timeZone))
})

/** The licence list (manual §5.2) as `render` makes it, kept while nothing it shows can have changed. */
export const renderedLicenseList = (
  accountId: string,
  render: (licenses: ReadonlyArray<LicenseView>) => Uint8Array,
) => cachedLicenseList(accountId, (timeZone) => Effect.map(listIn(accountId, timeZone), render))

/** The licence list read afresh (a page other than the first is not kept). */
export const listLicenses = (accountId: string) =>
  Effect.flatMap(timeZoneOf(accountId), (timeZone) => listIn(accountId, timeZone))

/** One of the account's licences, as the list shows it; another account's is not found. */
export const showLicense = Effect.fnUntraced(function* (accountId: string, keyHash: string) {
  const timeZone = yield* timeZoneOf(accountId)
  const record = yield* (yield* LicenseDirectory).byKeyHash(keyHash)
  if (Option.isNone(record) || record.value.accountId !== accountId) return yield* new ProductKeyUnknown()
  return yield* licenseView(record.value, yield* nowUtc, timeZone)
})
