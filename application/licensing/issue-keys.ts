import { Data, Effect } from "effect"
import type { EventMetadata } from "../../domain/kernel/index.js"
import { license, licenseStreamId } from "../../domain/licensing/license.js"
import type { LicenseTerms } from "../../domain/licensing/license-events.js"
import {
  formatProductKey,
  type KeyKind,
  keyAlphabet,
  makeProductKey,
  randomSymbolsFor,
} from "../../domain/licensing/product-key.js"
import { findProduct } from "../catalog/catalog-product.js"
import { runCommand } from "../event-log/command-runner.js"
import { KeyedDigest } from "../platform/keyed-digest.js"
import { now } from "../platform/now.js"
import { SecretBox } from "../platform/secret-box.js"
import { SecureRandom } from "../platform/secure-random.js"

/** `count` keys of one kind, all on the same terms. */
export interface KeyBatchRequest extends LicenseTerms {
  readonly kind: KeyKind
  readonly count: number
}

export class UnknownProduct extends Data.TaggedError("UnknownProduct")<{ readonly productId: string }> {}
export class UnknownPackage extends Data.TaggedError("UnknownPackage")<{
  readonly productId: string
  readonly packageId: string
  readonly known: ReadonlyArray<string>
}> {}

export const productKeyDigestPurpose = "product-key"

// Uniform symbols from secure bytes: bytes at or above the largest multiple of 31 are drawn again.
const randomSymbols = (count: number) =>
  Effect.gen(function* () {
    const random = yield* SecureRandom
    const limit = 256 - (256 % keyAlphabet.length)
    const symbols: Array<number> = []
    while (symbols.length < count) {
      for (const byte of yield* random.bytes(count * 2)) {
        if (byte < limit && symbols.length < count) symbols.push(byte % keyAlphabet.length)
      }
    }
    return symbols
  })

/** Issues `count` new keys; each is its own licence stream, keyed by the HMAC of the key. */
export const issueKeys = Effect.fn("Licensing.issueKeys")(function* (
  request: KeyBatchRequest,
  metadata: EventMetadata,
) {
  const product = yield* findProduct(request.productId)
  if (!product) return yield* Effect.fail(new UnknownProduct({ productId: request.productId }))
  if (!product.details.packages.some((p) => p.id === request.packageId)) {
    return yield* Effect.fail(
      new UnknownPackage({
        productId: request.productId,
        packageId: request.packageId,
        known: product.details.packages.map((p) => p.id),
      }),
    )
  }
  const digests = yield* KeyedDigest
  const box = yield* SecretBox
  const batchId = yield* (yield* SecureRandom).uuidV7
  const at = yield* now
  const { kind: _kind, count: _count, ...terms } = request
  const issued: Array<{ key: string; keyHash: string }> = []
  for (let i = 0; i < request.count; i++) {
    const key = makeProductKey(request.kind, yield* randomSymbols(randomSymbolsFor(request.kind)))
    const keyHash = yield* digests.digest(productKeyDigestPurpose, key.canonical)
    const sealedKey = yield* box.seal(key.canonical, `product-key:${keyHash}`)
    yield* runCommand(
      license,
      licenseStreamId(keyHash),
      {
        _tag: "IssueKey",
        key: { keyHash, sealedKey, kind: request.kind, ...terms, batchId },
        at,
      },
      { metadata },
    )
    issued.push({ key: formatProductKey(key), keyHash })
  }
  return { batchId, keys: issued }
})
