import { Effect } from "effect"
import { account, accountStreamId } from "../../domain/accounts/account.js"
import { allAddresses } from "../../domain/accounts/contact-addresses.js"
import { loginIdClaim } from "../../domain/accounts/login-id-claim.js"
import { EmailNotVerified, primaryUser, primaryUserStreamId } from "../../domain/accounts/primary-user.js"
import type { EventMetadata } from "../../domain/kernel/index.js"
import { commitAtomically, decideOn } from "../event-log/atomic-commands.js"
import { loadAggregate } from "../event-log/command-runner.js"
import { MailTransport } from "../mail/mail-transport.js"
import { primaryUserAccountReady } from "../notifications/primary-user-emails.js"
import { now } from "../platform/now.js"
import { revokeLoginChallenges } from "../two-factor/issue-challenge.js"
import { brandOf, mailMessage } from "./account-mail.js"
import { InvalidFields } from "./invalid-fields.js"
import { PasswordHasher } from "./password-hasher.js"
import { recheckPassword } from "./password-recheck.js"
import { checkNewPassword } from "./password-rules.js"
import { EmailTaken } from "./personal-registration.js"
import { businessAccount } from "./primary-user-account.js"
import { loginIdStream } from "./registration-steps.js"
import { SessionStore } from "./session-store.js"

/** The manual's message at the end of the password update (STEP 2, 9). */
export const passwordUpdatedMessage = "Updated password successfully"

/**
 * Step 7–9: with the address verified, the current password and the new one twice. In one atomic
 * append the address is claimed as a sign-in name (unique among login IDs and personal accounts'
 * addresses), the account's sign-in name and password change, and the primary user account is
 * complete; "password updated" goes to the new address and every address on the account. Every
 * session ends: the customer signs in again, with the address (step 10).
 */
export const completePrimaryUserAccount = Effect.fn("PrimaryUser.complete")(function* (
  accountId: string,
  input: {
    readonly currentPassword: string
    readonly newPassword: string
    readonly newPasswordConfirmation: string
  },
  metadata: EventMetadata,
) {
  const { profile } = yield* businessAccount(accountId)
  const { state } = yield* loadAggregate(primaryUser, primaryUserStreamId(accountId))
  if (state._tag === "Completed") return { message: passwordUpdatedMessage, loginId: state.email }
  if (state._tag !== "Verifying" || state.verification._tag !== "Verified")
    return yield* new EmailNotVerified()
  const email = state.verification.email
  if (!(yield* recheckPassword(accountId, profile.passwordHash, input.currentPassword))) {
    return yield* new InvalidFields({
      errors: [{ field: "/currentPassword", reason: "is not the current password" }],
    })
  }
  yield* checkNewPassword({
    loginId: email,
    password: input.newPassword,
    confirmation: input.newPasswordConfirmation,
    field: "/newPassword",
    confirmationField: "/newPasswordConfirmation",
  })
  const passwordHash = yield* (yield* PasswordHasher).hash(input.newPassword)
  const claimStream = yield* loginIdStream(email)
  const brand = yield* brandOf
  const transport = yield* MailTransport
  yield* commitAtomically(
    Effect.gen(function* () {
      const at = yield* now
      const claimed = yield* decideOn(loginIdClaim, claimStream, { _tag: "Claim", accountId, at }).pipe(
        Effect.catchTag("LoginIdTaken", () => Effect.fail(new EmailTaken())),
      )
      // Checked above; only a racing change could refuse it, and only as not verified.
      const completed = yield* decideOn(primaryUser, primaryUserStreamId(accountId), {
        _tag: "Complete",
        at,
      }).pipe(
        Effect.catchTags({
          ResendTooSoon: Effect.die,
          NoVerificationCode: Effect.die,
          VerificationCodeExpired: Effect.die,
          VerificationLocked: Effect.die,
          PrimaryUserAccountAlreadyAssigned: Effect.die,
        }),
      )
      const assigned = yield* decideOn(account, accountStreamId(accountId), {
        _tag: "AssignPrimaryUserAccount",
        email,
        passwordHash,
        at,
      })
      const mail = primaryUserAccountReady(profile.language, brand, {
        email,
        changedAt: at,
        timeZone: profile.timeZone,
      })
      const to = [...new Map([email, ...allAddresses(profile)].map((a) => [a.toLowerCase(), a])).values()]
      return {
        writes: [claimed.write, completed.write, assigned.write],
        options: { metadata, outbox: [mailMessage(transport, to, mail)] },
        result: undefined,
      }
    }),
  )
  yield* (yield* SessionStore).endAllOf(accountId)
  yield* revokeLoginChallenges(accountId, metadata)
  return { message: passwordUpdatedMessage, loginId: email }
})
