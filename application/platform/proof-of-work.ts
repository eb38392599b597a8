import { Context, Data, Effect, Option } from "effect"
import { type Instant, isAfter, plusMillis } from "../../domain/kernel/index.js"
import { KeyedDigest } from "./keyed-digest.js"
import { now } from "./now.js"
import { SecureRandom } from "./secure-random.js"
import { Throttle } from "./throttle.js"

// A form a robot could send in bulk (a password-reset request mails someone) asks the browser for a
// little work first: find the number behind a hash, which costs a browser a moment and a bulk
// sender that moment per request. No third party sees anything, nothing is stored until a solution
// comes back, and the challenge is signed, so the server needs no memory of what it handed out.

/** What the browser's solver is given (ALTCHA's challenge, as the widget's `challengejson` takes it). */
export interface WorkChallenge {
  readonly algorithm: string
  readonly challenge: string
  readonly maxnumber: number
  readonly salt: string
  readonly signature: string
}

/** A solution whose signature held: the challenge it solves (the digest of salt and number) and its end. */
export interface SolvedChallenge {
  readonly challenge: string
  readonly expiresAt: Instant | undefined
}

export interface ProofOfWorkApi {
  /**
   * A challenge whose answer is `number` (below `maxNumber`), its salt carrying `expiresAt`, signed
   * with `hmacKey`.
   */
  readonly challenge: (options: {
    readonly hmacKey: string
    readonly salt: string
    readonly number: number
    readonly maxNumber: number
    readonly expiresAt: Instant
  }) => Effect.Effect<WorkChallenge>
  /**
   * The challenge a browser's payload solves, if it is one signed with `hmacKey` and the payload's
   * number answers it; anything else (garbled, forged, wrong number) is none. The expiry is read,
   * not checked: the caller compares it with its own clock.
   */
  readonly solved: (payload: string, hmacKey: string) => Effect.Effect<Option.Option<SolvedChallenge>>
}

export class ProofOfWork extends Context.Tag("application/ProofOfWork")<ProofOfWork, ProofOfWorkApi>() {}

/** How long a challenge can be solved and sent: a few minutes, enough to type a login ID. */
export const workChallengeMinutes = 5
/**
 * The range the secret number is drawn from: the browser tries half of it on average (SHA-256 each,
 * a fraction of a second in a worker); a sender of many requests pays that for every one.
 */
export const workChallengeMaxNumber = 100_000

/** Why a solution was refused: none sent, not one of ours, too late, or sent before. */
export class WorkRefused extends Data.TaggedError("WorkRefused")<{
  readonly reason: "missing" | "invalid" | "expired" | "reused"
}> {}

// One signing key per form, derived from the server key: a challenge of one form is no use on another.
const signingKey = (purpose: string) =>
  Effect.flatMap(KeyedDigest, (digest) => digest.digest("proof-of-work", purpose))

// Uniform below `max`: four random bytes, drawn again when above the largest multiple of `max`.
const uniformBelow = (max: number) =>
  Effect.gen(function* () {
    const random = yield* SecureRandom
    const limit = Math.floor(0x1_0000_0000 / max) * max
    for (;;) {
      const [a = 0, b = 0, c = 0, d = 0] = yield* random.bytes(4)
      const value = ((a << 24) >>> 0) + (b << 16) + (c << 8) + d
      if (value < limit) return value % max
    }
  })

/** A fresh challenge for the form `purpose`, to be embedded in its page. */
export const issueWorkChallenge = Effect.fn("ProofOfWork.issue")(function* (purpose: string) {
  const salt = Array.from(yield* (yield* SecureRandom).bytes(12), (byte) =>
    byte.toString(16).padStart(2, "0"),
  ).join("")
  return yield* (yield* ProofOfWork).challenge({
    hmacKey: yield* signingKey(purpose),
    salt,
    number: yield* uniformBelow(workChallengeMaxNumber),
    maxNumber: workChallengeMaxNumber,
    expiresAt: plusMillis(yield* now, workChallengeMinutes * 60_000),
  })
})

// Each challenge has one solution, so its digest names the solution. A use is counted within the
// challenge's lifetime: once it has passed, the solution is refused as expired anyway.
const oneUse = { name: "proof-of-work-uses", limit: 1, windowSeconds: workChallengeMinutes * 60 }

/**
 * Accepts a solution of a challenge issued for `purpose`, once, before it expires. The use is
 * recorded before whatever the form does, so two requests with one solution cannot both pass.
 */
export const redeemWorkSolution = Effect.fn("ProofOfWork.redeem")(function* (
  purpose: string,
  payload: string | undefined,
) {
  if (payload === undefined || payload.trim() === "") return yield* new WorkRefused({ reason: "missing" })
  const solved = yield* (yield* ProofOfWork).solved(payload, yield* signingKey(purpose))
  if (Option.isNone(solved) || solved.value.expiresAt === undefined) {
    return yield* new WorkRefused({ reason: "invalid" })
  }
  const { challenge, expiresAt } = solved.value
  const at = yield* now
  if (!isAfter(expiresAt, at)) return yield* new WorkRefused({ reason: "expired" })
  const wait = yield* (yield* Throttle).take(`proof-of-work:${purpose}:${challenge}`, oneUse)
  if (wait > 0) return yield* new WorkRefused({ reason: "reused" })
})
