import { Data, DateTime, Effect } from "effect"
import { license, licenseStreamId } from "../../domain/licensing/license.js"
import { calendarDateIn } from "../../domain/licensing/license-status.js"
import { parseProductKey } from "../../domain/licensing/product-key.js"
import { switchOnRegistration } from "../../domain/switching/key-registration.js"
import { findProduct } from "../catalog/catalog-product.js"
import { loadAggregate } from "../event-log/command-runner.js"
import { KeyedDigest } from "../platform/keyed-digest.js"
import { now } from "../platform/now.js"
import {
  type BackoffPolicy,
  type QuotaPolicies,
  quotaOf,
  type RateLimit,
  Throttle,
  takeWithin,
} from "../platform/throttle.js"
import { switchPlansFrom } from "../switching/switch-plan-directory.js"
import { productKeyDigestPurpose } from "./issue-keys.js"

/** Well-formed, but no such key was ever issued. Distinct from a mistyped key. */
export class ProductKeyUnknown extends Data.TaggedError("ProductKeyUnknown")<{}> {}

export type Registrability = "registrable" | "already_registered" | "expired" | "suspended"

/** Finds the licence behind a key as typed: normalised, checked, then looked up by its HMAC. */
export const findLicenseByKey = Effect.fn("Licensing.findLicenseByKey")(function* (typed: string) {
  const key = yield* parseProductKey(typed)
  const keyHash = yield* (yield* KeyedDigest).digest(productKeyDigestPurpose, key.canonical)
  const loaded = yield* loadAggregate(license, licenseStreamId(keyHash))
  const { state } = loaded
  if (state._tag === "Unknown") return yield* Effect.fail(new ProductKeyUnknown())
  return { key, keyHash, state, loaded }
})

/** What a customer sees before registering a key (manual: 製品情報を確認). */
export const previewKey = Effect.fn("Licensing.previewKey")(function* (typed: string, timeZone: string) {
  const { key, state } = yield* findLicenseByKey(typed)
  const today = calendarDateIn(DateTime.unsafeMake(yield* now), timeZone)
  // An unused key registers as a switch plan's target from its day, as its registration decides.
  const switched =
    state._tag === "Issued"
      ? switchOnRegistration(yield* switchPlansFrom(state.key.productId), state.key.productId, today)
      : undefined
  const productId = switched?.productId ?? state.key.productId
  const product = yield* findProduct(productId)
  const issuedFor = switched && (yield* findProduct(state.key.productId))
  const registrability: Registrability =
    state._tag === "Registered"
      ? state.standing._tag === "Suspended"
        ? "suspended"
        : "already_registered"
      : state.key.expiresOn < today
        ? "expired"
        : "registrable"
  return {
    kind: key.kind,
    /** The product the key registers as today: its own, or a switch plan's target. */
    product: {
      id: productId,
      names: product?.details.names ?? { ja: productId, en: productId },
      /** Which registration the key opens: a business account's or a personal one's. */
      audience: product?.details.audience ?? "business",
    },
    /** The key's own product when a switch plan makes it register as another; null otherwise. */
    switchedFrom:
      switched === undefined
        ? null
        : {
            id: state.key.productId,
            names: issuedFor?.details.names ?? { ja: state.key.productId, en: state.key.productId },
          },
    package: product?.details.packages.find((p) => p.id === state.key.packageId) ?? {
      id: state.key.packageId,
      names: { ja: state.key.packageId, en: state.key.packageId },
    },
    seats: state.key.seats,
    licenseType: state.key.licenseType,
    expiresOn: state.key.expiresOn,
    registrability,
  }
})

// Key look-ups are the enumeration surface: a budget per address, and growing waits after misses.
export const previewBudget: RateLimit = { name: "key-preview", limit: 30, windowSeconds: 60 }
export const previewMisses: BackoffPolicy = {
  name: "key-preview-misses",
  free: 10,
  baseSeconds: 2,
  maxSeconds: 900,
  windowSeconds: 3600,
}
/** The throttles of a preview, as its answers advertise them (`RateLimit-Policy`). */
export const previewLimits: QuotaPolicies = [quotaOf(previewBudget), quotaOf(previewMisses)]

/** A preview asked for from `address`: refused for a while once that address has spent its budget or missed too often. */
export const previewKeyFrom = Effect.fn("Licensing.previewKeyFrom")(function* (
  typed: string,
  address: string,
  timeZone: string,
) {
  yield* takeWithin(`preview:address:${address}`, previewBudget)
  const throttle = yield* Throttle
  // Counted as a miss before the look-up, so look-ups sent at once cannot all pass as "no misses yet".
  const attempt = yield* throttle.reserve(`preview-miss:address:${address}`, previewMisses)
  return yield* Effect.tap(previewKey(typed, timeZone), () => throttle.release(attempt))
})
