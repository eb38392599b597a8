import { Effect, Either, Schema } from "effect"
import { account, accountStreamId } from "../../domain/accounts/account.js"
import { LoginId } from "../../domain/accounts/login-id.js"
import {
  Contractor,
  EmailAddress,
  Language,
  PurchaseSourceDetails,
  SupportContact,
  UserDetails,
} from "../../domain/accounts/profile.js"
import type { EventMetadata } from "../../domain/kernel/index.js"
import { commitAtomically, decideOn } from "../event-log/atomic-commands.js"
import { idempotencyClaim } from "../event-log/idempotent-request.js"
import { now } from "../platform/now.js"
import { licenseAddedMail } from "./account-mail.js"
import { AccountSettings } from "./account-settings.js"
import { prepareRegistration, takeKeyAndClaimName } from "./registration-steps.js"

export const TimeZone = Schema.String.pipe(
  Schema.filter(
    (zone) => Either.isRight(Either.try(() => new Intl.DateTimeFormat("en", { timeZone: zone }))),
    {
      message: () => "must be an IANA time zone such as Asia/Tokyo",
      // What the server checks is Intl's list; the pattern is the shape of every name on it.
      jsonSchema: { pattern: "^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$" },
      examples: ["Asia/Tokyo", "Europe/Paris", "UTC"],
    },
  ),
)

/** The registration form (manual §3.1): one key, the licence agreement, company, user, support contact. */
export const RegistrationRequest = Schema.Struct({
  licenseKey: Schema.String.annotations({
    description: "The product key as printed; case, spaces, dashes and full-width characters do not matter",
  }),
  acceptEula: Schema.Literal(true).annotations({
    message: () => "must be true: the licence agreement has to be accepted",
    description: "The licence agreement is accepted",
  }),
  loginId: LoginId.annotations({
    description: "4 to 64 letters, digits and . _ - @; unique whatever its case, and never changed",
  }),
  password: Schema.String.annotations({ description: "Checked against the password policy" }),
  passwordConfirmation: Schema.String.annotations({ description: "The password again" }),
  user: UserDetails,
  contractor: Contractor,
  purchaseSource: PurchaseSourceDetails,
  /** Left out: the contractor's address and the user's contact details serve as support contact. */
  supportContact: Schema.optionalWith(SupportContact, { exact: true }),
  emergencyContactEmail: EmailAddress,
  language: Schema.optionalWith(Language.annotations({ description: "Of its mail; ja when left out" }), {
    exact: true,
  }),
  timeZone: Schema.optionalWith(
    TimeZone.annotations({ description: "An IANA time zone; Asia/Tokyo when left out" }),
    { exact: true },
  ),
}).annotations({ identifier: "RegistrationRequest" })
export type RegistrationRequest = typeof RegistrationRequest.Type

const supportContactFrom = (request: RegistrationRequest): SupportContact => {
  if (request.supportContact) return request.supportContact
  const { remarks: _remarks, ...company } = request.contractor
  return { ...company, ...request.user }
}

/**
 * Creates the account, claims its login ID and registers the key in one atomic append: when the key
 * or the login ID is taken meanwhile, nothing is created. Sends "registration complete" to the
 * support contact through the outbox, in the same transaction.
 */
export const registerAccount = Effect.fn("Accounts.register")(function* (
  request: RegistrationRequest,
  metadataFor: (accountId: string) => EventMetadata,
  idempotencyKey?: string,
) {
  const settings = yield* AccountSettings
  const prepared = yield* prepareRegistration({ signInName: request.loginId, ...request })
  const { key, passwordHash, accountId } = prepared
  const timeZone = request.timeZone ?? settings.defaultTimeZone
  const language = request.language ?? "ja"
  const supportContact = supportContactFrom(request)

  return yield* commitAtomically(
    Effect.gen(function* () {
      const at = yield* now
      const taken = yield* takeKeyAndClaimName(prepared, timeZone, at)
      const created = yield* decideOn(account, accountStreamId(accountId), {
        _tag: "Register",
        at,
        registration: {
          accountId,
          loginId: request.loginId,
          passwordHash,
          user: request.user,
          contractor: request.contractor,
          purchaseSource: request.purchaseSource,
          supportContact,
          emergencyContactEmail: request.emergencyContactEmail,
          language,
          timeZone,
        },
      })
      const mail = yield* licenseAddedMail({
        kind: "registration",
        to: supportContact.email,
        language,
        loginId: request.loginId,
        companyName: request.contractor.companyName,
        key,
        license: taken.license,
      })
      return {
        writes: [...taken.writes, created.write],
        options: { metadata: metadataFor(accountId), outbox: [mail] },
        result: { accountId, loginId: request.loginId },
      }
    }),
    {
      // Anonymous: the key alone is the scope; its request digest keeps another body from reusing it.
      idempotency:
        idempotencyKey === undefined
          ? undefined
          : {
              claim: yield* idempotencyClaim("registration", { key: idempotencyKey, request }),
              answer: Registration,
            },
    },
  )
})

/** What a registration answers, recorded under its idempotency key. */
const Registration = Schema.Struct({ accountId: Schema.String, loginId: Schema.String })
