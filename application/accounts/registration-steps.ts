import { Effect } from "effect"
import { loginIdKey } from "../../domain/accounts/login-id.js"
import { loginIdClaim, loginIdClaimStreamId } from "../../domain/accounts/login-id-claim.js"
import type { Instant } from "../../domain/kernel/index.js"
import { parseProductKey } from "../../domain/licensing/product-key.js"
import { decideOn } from "../event-log/atomic-commands.js"
import { productKeyDigestPurpose } from "../licensing/issue-keys.js"
import { registerKey } from "../licensing/register-key.js"
import { KeyedDigest } from "../platform/keyed-digest.js"
import { SecureRandom } from "../platform/secure-random.js"
import { PasswordHasher } from "./password-hasher.js"
import { checkNewPassword } from "./password-rules.js"

// What both kinds of registration do before and inside their one atomic append: check the password,
// read the key, and then take the key and claim the sign-in name together, so that a key or a name
// taken meanwhile leaves nothing written.

export const loginIdDigestPurpose = "login-id"

/** The account's stream of a login ID, by a keyed digest of its canonical form. */
export const loginIdStream = (loginId: string) =>
  Effect.map(
    Effect.flatMap(KeyedDigest, (d) => d.digest(loginIdDigestPurpose, loginIdKey(loginId))),
    loginIdClaimStreamId,
  )

export const prepareRegistration = (input: {
  readonly signInName: string
  readonly password: string
  readonly passwordConfirmation: string
  readonly licenseKey: string
}) =>
  Effect.gen(function* () {
    yield* checkNewPassword({
      loginId: input.signInName,
      password: input.password,
      confirmation: input.passwordConfirmation,
      field: "/password",
      confirmationField: "/passwordConfirmation",
    })
    const key = yield* parseProductKey(input.licenseKey)
    const keyHash = yield* (yield* KeyedDigest).digest(productKeyDigestPurpose, key.canonical)
    const claimStream = yield* loginIdStream(input.signInName)
    const passwordHash = yield* (yield* PasswordHasher).hash(input.password)
    const accountId = yield* (yield* SecureRandom).uuidV7
    return { key, keyHash, claimStream, passwordHash, accountId }
  })

export type PreparedRegistration = Effect.Effect.Success<ReturnType<typeof prepareRegistration>>

/**
 * Inside the append: the key registered to the new account (as a switch plan's target from its day;
 * an ended product's no more) and the name claimed.
 */
export const takeKeyAndClaimName = (prepared: PreparedRegistration, timeZone: string, at: Instant) =>
  Effect.gen(function* () {
    const { accountId } = prepared
    const taken = yield* registerKey(prepared.keyHash, accountId, timeZone, at)
    const claimed = yield* decideOn(loginIdClaim, prepared.claimStream, { _tag: "Claim", accountId, at })
    return { license: taken.key, writes: [taken.write, claimed.write] as const }
  })
