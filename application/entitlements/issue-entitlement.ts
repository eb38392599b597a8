import { Data, DateTime, Effect, Encoding, Option } from "effect"
import { AccountNotFound } from "../../domain/accounts/account.js"
import { gate } from "../../domain/catalog/phase-gates.js"
import type { PhaseView } from "../../domain/catalog/product-lifecycle.js"
import { type Entitlement, entitlementFor } from "../../domain/entitlements/entitlement.js"
import { type Instant, toMillis } from "../../domain/kernel/index.js"
import { AccountSettings } from "../accounts/account-settings.js"
import { ProductNotFound } from "../catalog/catalog-product.js"
import { requireCapability } from "../catalog/phase-gate.js"
import { ProductLifecycles } from "../catalog/product-lifecycles.js"
import { LicenseDirectory } from "../licensing/license-directory.js"
import { now } from "../platform/now.js"
import { SecureRandom } from "../platform/secure-random.js"
import { EntitlementSigner } from "./entitlement-signer.js"
import { keepEntitlement, keptEntitlement } from "./signed-entitlement-cache.js"
import { publishOwnKey } from "./signing-key-registry.js"

/** No licence of the product is valid for the account today (expired, suspended, or none). */
export class NotEntitled extends Data.TaggedError("NotEntitled")<{ readonly productId: string }> {}

/** The `typ` of the token's header: an app tells an entitlement from any other JWT by it. */
export const entitlementTokenType = "entitlement+jwt"

const text = new TextEncoder()
const part = (value: unknown) => Encoding.encodeBase64Url(text.encode(JSON.stringify(value)))
const seconds = (instant: Instant) => Math.floor(toMillis(instant) / 1000)

/**
 * A signed statement of what the account may use of the product now: a compact JWS (EdDSA), to be
 * verified offline against the well-known JWKS. `sid` binds it to the app session that asked.
 * The same token is answered again for a minute while nothing it states has changed.
 */
// Untraced: apps ask on every start and refresh, and a traced Effect.fn captures a stack per call.
export const issueEntitlement = Effect.fnUntraced(function* (input: {
  readonly accountId: string
  readonly productId: string
  readonly appSessionId?: string
  /** The product's phase, if this request has read it already (an app's token check did). */
  readonly phase?: PhaseView
}) {
  const at = yield* now
  if (input.phase === undefined) yield* requireCapability(input.productId, "entitlement.issue", at)
  else yield* gate(input.productId, "entitlement.issue", input.phase)
  const directory = yield* LicenseDirectory
  const context = yield* directory.listContext(input.accountId)
  if (Option.isNone(context)) return yield* new AccountNotFound()
  const { version, timeZone } = context.value
  const signer = yield* EntitlementSigner
  const asked = { ...input, kid: signer.kid }
  const reused = keptEntitlement(asked, version, toMillis(at))
  if (reused !== undefined) return reused
  // A kept token's product was found when it was signed; the catalogue's read model otherwise (the
  // gate lets a product outside the catalogue through, as it has no lifecycle).
  if (Option.isNone(yield* (yield* ProductLifecycles).view(input.productId))) {
    return yield* new ProductNotFound({ productId: input.productId })
  }
  const held = yield* directory.forAccount(input.accountId)
  const found = entitlementFor(
    held.map((l) => ({ ...l, id: l.keyHash })),
    input.productId,
    DateTime.unsafeMake(at),
    timeZone,
  )
  if (Option.isNone(found)) return yield* new NotEntitled({ productId: input.productId })
  yield* publishOwnKey
  const settings = yield* AccountSettings
  const entitlement: Entitlement = found.value
  const header = { alg: "EdDSA", typ: entitlementTokenType, kid: signer.kid }
  const payload = {
    iss: settings.publicUrl,
    sub: input.accountId,
    aud: input.productId,
    iat: seconds(at),
    exp: seconds(entitlement.expiresAt),
    jti: yield* (yield* SecureRandom).uuidV7,
    ...(input.appSessionId === undefined ? {} : { sid: input.appSessionId }),
    entitlement: {
      productId: entitlement.productId,
      seats: entitlement.seats,
      validUntil: entitlement.validUntil,
      licenses: entitlement.licenses,
    },
  }
  const signingInput = `${part(header)}.${part(payload)}`
  const signature = yield* signer.sign(text.encode(signingInput))
  const answer = { token: `${signingInput}.${Encoding.encodeBase64Url(signature)}`, entitlement }
  keepEntitlement(asked, version, timeZone, toMillis(at), answer)
  return answer
})
