import { timingSafeEqual } from "node:crypto"
import { createChallenge, extractParams } from "altcha-lib"
import { Effect, Layer, Option, Schema } from "effect"
import {
  ProofOfWork,
  type ProofOfWorkApi,
  type SolvedChallenge,
} from "../../application/platform/proof-of-work.js"
import { instantFromMillis } from "../../domain/kernel/index.js"

// ALTCHA's protocol: the challenge is SHA-256(salt ‖ number), signed with HMAC-SHA-256; the widget
// sends back base64(JSON {algorithm, challenge, number, salt, signature}).
//
// A solution is checked by recomputing the challenge with altcha-lib's `createChallenge` from the
// payload's salt and number, not with its `verifySolution`, for two reasons: that one reads the
// expiry against the machine's clock (ours is Effect's, which tests move), and it compares the
// signature with `===`; here the comparison takes constant time, as for every secret we check.

const algorithm = "SHA-256"
const hex64 = /^[0-9a-f]{64}$/

const Payload = Schema.parseJson(
  Schema.Struct({
    algorithm: Schema.Literal(algorithm),
    challenge: Schema.String.pipe(Schema.pattern(hex64)),
    number: Schema.Int.pipe(Schema.between(0, Number.MAX_SAFE_INTEGER)),
    salt: Schema.String.pipe(Schema.maxLength(200)),
    signature: Schema.String.pipe(Schema.pattern(hex64)),
  }),
)
const decodePayload = Schema.decodeUnknownOption(Payload)

const sameHex = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a, "hex"), Buffer.from(b, "hex"))

const expiryOf = (salt: string) => {
  const seconds = Number(extractParams({ salt, algorithm, challenge: "", signature: "" }).expires)
  return Number.isSafeInteger(seconds) && seconds > 0 ? instantFromMillis(seconds * 1000) : undefined
}

export const makeAltchaProofOfWork = (): ProofOfWorkApi => ({
  challenge: ({ hmacKey, salt, number, maxNumber, expiresAt }) =>
    Effect.map(
      Effect.promise(() =>
        createChallenge({
          algorithm,
          hmacKey,
          salt,
          number,
          maxnumber: maxNumber,
          expires: new Date(expiresAt),
        }),
      ),
      (issued) => ({ ...issued, maxnumber: maxNumber }),
    ),
  solved: (payload, hmacKey) =>
    Effect.gen(function* () {
      // A payload is a few hundred characters; anything much longer is not one.
      if (payload.length > 1000) return Option.none()
      const decoded = decodePayload(Buffer.from(payload, "base64").toString("utf8"))
      if (Option.isNone(decoded)) return Option.none()
      const { salt, number, challenge, signature } = decoded.value
      // The salt as issued already carries its parameters, so `createChallenge` leaves it as it is.
      const expected = yield* Effect.promise(() => createChallenge({ algorithm, hmacKey, salt, number }))
      if (!sameHex(expected.signature, signature) || !sameHex(expected.challenge, challenge)) {
        return Option.none()
      }
      return Option.some<SolvedChallenge>({ challenge: expected.challenge, expiresAt: expiryOf(salt) })
    }),
})

export const AltchaProofOfWorkLive = Layer.sync(ProofOfWork, makeAltchaProofOfWork)
