import { Data, Effect, Encoding, Option } from "effect"
import { account, accountStreamId } from "../../domain/accounts/account.js"
import { loginIdKey } from "../../domain/accounts/login-id.js"
import { type EventMetadata, isAfter, plusMillis } from "../../domain/kernel/index.js"
import { loadAggregate, runCommand } from "../event-log/command-runner.js"
import { MailTransport } from "../mail/mail-transport.js"
import { passwordResetLink } from "../notifications/account-emails.js"
import { KeyedDigest } from "../platform/keyed-digest.js"
import { now } from "../platform/now.js"
import { issueWorkChallenge, redeemWorkSolution } from "../platform/proof-of-work.js"
import { SecureRandom } from "../platform/secure-random.js"
import { type QuotaPolicies, quotaOf, type RateLimit, Throttle, takeWithin } from "../platform/throttle.js"
import { revokeLoginChallenges } from "../two-factor/issue-challenge.js"
import { passwordChangedMail } from "./account-changes.js"
import { AccountDirectory, type AccountSummary } from "./account-directory.js"
import { brandOf, sealedMailMessage } from "./account-mail.js"
import { AccountSettings } from "./account-settings.js"
import { PasswordHasher } from "./password-hasher.js"
import { checkNewPassword } from "./password-rules.js"
import { SessionStore } from "./session-store.js"

/** Unknown, used, replaced or expired: one answer, so a link reveals nothing. */
export class ResetLinkInvalid extends Data.TaggedError("ResetLinkInvalid")<{}> {}

const tokenPurpose = "password-reset-token"

/**
 * Where the mailed link opens: the portal's page for it (the JSON API answers the same token at
 * `/v1/password-resets/<token>`). The portal mounts its page at this path.
 */
export const passwordResetPagePath = "/password-reset"
export const passwordResetLinkPath = (token: string) => `${passwordResetPagePath}/${token}`

/** Requests per client address: refused with 429 once spent. */
export const resetRequestBudget: RateLimit = { name: "password-reset", limit: 5, windowSeconds: 900 }
/**
 * Mails per account, a few an hour: more would only flood the owner's inbox. Spent silently (the
 * answer must not say whether an account matched), so it is not advertised.
 */
export const resetMailBudget: RateLimit = { name: "password-reset-mails", limit: 3, windowSeconds: 3600 }
/** The throttle of a reset request, as its answers advertise it (`RateLimit-Policy`). */
export const resetRequestLimits: QuotaPolicies = [quotaOf(resetRequestBudget)]

/**
 * Mails a single-use link, valid `resetLinkMinutes`, to the user's registered address (manual §4.4:
 * the screen says "the contractor's address", the rest of the manual the user's; the contractor has
 * no address of its own). The answer is the same whether or not an account was found.
 */
export const requestPasswordReset = Effect.fn("Accounts.requestPasswordReset")(function* (
  loginIdOrEmail: string,
  address: string,
  metadataFor: (accountId: string) => EventMetadata,
) {
  yield* takeWithin(`reset:address:${address}`, resetRequestBudget)
  const throttle = yield* Throttle
  const directory = yield* AccountDirectory
  const byLogin = yield* directory.byLoginIdKey(loginIdKey(loginIdOrEmail))
  const byEmail = loginIdOrEmail.includes("@") ? yield* directory.byEmail(loginIdOrEmail) : []
  const accounts = new Map<string, AccountSummary>()
  for (const found of [...Option.toArray(byLogin), ...byEmail]) accounts.set(found.accountId, found)

  const settings = yield* AccountSettings
  const brand = yield* brandOf
  const random = yield* SecureRandom
  for (const found of accounts.values()) {
    if ((yield* throttle.take(`reset:account:${found.accountId}`, resetMailBudget)) > 0) continue
    const token = Encoding.encodeBase64Url(yield* random.bytes(32))
    const at = yield* now
    const reset = {
      resetId: yield* random.uuidV7,
      tokenDigest: yield* (yield* KeyedDigest).digest(tokenPurpose, token),
      expiresAt: plusMillis(at, settings.resetLinkMinutes * 60_000),
    }
    const link = `${settings.publicUrl}${passwordResetLinkPath(token)}`
    const mail = yield* sealedMailMessage(
      [found.email],
      passwordResetLink(found.language, brand, {
        loginId: found.loginId,
        link,
        validMinutes: settings.resetLinkMinutes,
      }),
    )
    yield* runCommand(
      account,
      accountStreamId(found.accountId),
      { _tag: "RequestPasswordReset", reset, at },
      { metadata: metadataFor(found.accountId), outbox: () => [mail] },
    )
  }
})

// The portal's request form asks for a proof of work first (the manual's "I'm not a robot").
const proofPurpose = "password-reset"

/** The challenge the portal's request form embeds. */
export const passwordResetChallenge = () => issueWorkChallenge(proofPurpose)

/**
 * `requestPasswordReset` behind a solved challenge: a solution that is missing, not ours, expired
 * or used before is refused (`WorkRefused`) and nothing is sent.
 */
export const requestPasswordResetWithProof = Effect.fn("Accounts.requestPasswordResetWithProof")(function* (
  solution: string | undefined,
  loginIdOrEmail: string,
  address: string,
  metadataFor: (accountId: string) => EventMetadata,
) {
  yield* redeemWorkSolution(proofPurpose, solution)
  yield* requestPasswordReset(loginIdOrEmail, address, metadataFor)
})

const findReset = (token: string) =>
  Effect.gen(function* () {
    const digest = yield* (yield* KeyedDigest).digest(tokenPurpose, token)
    const accountId = yield* (yield* AccountDirectory).accountForResetToken(digest)
    if (Option.isNone(accountId)) return yield* new ResetLinkInvalid()
    const loaded = yield* loadAggregate(account, accountStreamId(accountId.value))
    const { state } = loaded
    const at = yield* now
    const pending = state._tag === "Active" ? state.pendingReset : undefined
    if (
      state._tag !== "Active" ||
      !pending ||
      pending.tokenDigest !== digest ||
      !isAfter(pending.expiresAt, at)
    ) {
      return yield* new ResetLinkInvalid()
    }
    return { accountId: accountId.value, profile: state.account, digest, loaded }
  })

/** What the reset page shows: the login ID, for those who forgot it (manual §4.4 Step5). */
export const showPasswordReset = (token: string) =>
  Effect.map(findReset(token), ({ profile }) => ({ loginId: profile.loginId }))

/** Sets the new password, ends every session, mails "password changed". The link then stops working. */
export const completePasswordReset = Effect.fn("Accounts.completePasswordReset")(function* (
  token: string,
  input: { readonly newPassword: string; readonly newPasswordConfirmation: string },
  metadataFor: (accountId: string) => EventMetadata,
) {
  const { accountId, profile, digest, loaded } = yield* findReset(token)
  yield* checkNewPassword({
    loginId: profile.loginId,
    password: input.newPassword,
    confirmation: input.newPasswordConfirmation,
    field: "/newPassword",
    confirmationField: "/newPasswordConfirmation",
  })
  const passwordHash = yield* (yield* PasswordHasher).hash(input.newPassword)
  const brand = yield* brandOf
  const transport = yield* MailTransport
  const at = yield* now
  yield* runCommand(
    account,
    accountStreamId(accountId),
    { _tag: "CompletePasswordReset", tokenDigest: digest, passwordHash, at },
    {
      metadata: metadataFor(accountId),
      loaded,
      outbox: (_, next) =>
        next._tag === "Active" ? [passwordChangedMail(brand, transport, next.account, at)] : [],
    },
  ).pipe(Effect.catchTag("PasswordResetLinkInvalid", () => Effect.fail(new ResetLinkInvalid())))
  yield* (yield* SessionStore).endAllOf(accountId)
  yield* revokeLoginChallenges(accountId, metadataFor(accountId))
  return { loginId: profile.loginId }
})
