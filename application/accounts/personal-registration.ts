import { Data, Effect, Schema } from "effect"
import { account, accountStreamId } from "../../domain/accounts/account.js"
import { EmailAddress, Language } from "../../domain/accounts/profile.js"
import type { EventMetadata } from "../../domain/kernel/index.js"
import { findProduct } from "../catalog/catalog-product.js"
import { commitAtomically, decideOn } from "../event-log/atomic-commands.js"
import { idempotencyClaim } from "../event-log/idempotent-request.js"
import { now } from "../platform/now.js"
import { licenseAddedMail } from "./account-mail.js"
import { AccountSettings } from "./account-settings.js"
import { TimeZone } from "./registration.js"
import { prepareRegistration, takeKeyAndClaimName } from "./registration-steps.js"

/** The key is for a company's product: such keys open business accounts (`POST /v1/accounts`). */
export class ProductNotForPersonalAccounts extends Data.TaggedError("ProductNotForPersonalAccounts")<{
  readonly productId: string
}> {}

/** The address already signs in to an account (as a personal account's address or a login ID). */
export class EmailTaken extends Data.TaggedError("EmailTaken")<{}> {}

/** The consumer products' registration (manual 000): a key, the agreement, an address and a password. */
export const PersonalRegistrationRequest = Schema.Struct({
  licenseKey: Schema.String.annotations({
    description: "The product key as printed; case, spaces, dashes and full-width characters do not matter",
  }),
  acceptEula: Schema.Literal(true).annotations({
    message: () => "must be true: the licence agreement has to be accepted",
    description: "The licence agreement is accepted",
  }),
  email: EmailAddress.annotations({
    description: "The account's address and its sign-in name; unique whatever its case",
  }),
  password: Schema.String.annotations({ description: "Checked against the password policy" }),
  passwordConfirmation: Schema.String.annotations({ description: "The password again" }),
  language: Schema.optionalWith(Language.annotations({ description: "Of its mail; ja when left out" }), {
    exact: true,
  }),
  timeZone: Schema.optionalWith(
    TimeZone.annotations({ description: "An IANA time zone; Asia/Tokyo when left out" }),
    { exact: true },
  ),
}).annotations({ identifier: "PersonalRegistrationRequest" })
export type PersonalRegistrationRequest = typeof PersonalRegistrationRequest.Type

const Registered = Schema.Struct({ accountId: Schema.String, loginId: Schema.String })

/**
 * Creates a personal account with its first key, in one atomic append like a business registration:
 * the key taken, the address claimed as the sign-in name, the account created, "registration
 * complete" in the outbox. Only a consumer product's key opens a personal account.
 */
export const registerPersonalAccount = Effect.fn("Accounts.registerPersonal")(function* (
  request: PersonalRegistrationRequest,
  metadataFor: (accountId: string) => EventMetadata,
  idempotencyKey?: string,
) {
  const settings = yield* AccountSettings
  const prepared = yield* prepareRegistration({ signInName: request.email, ...request })
  const { key, passwordHash, accountId } = prepared
  const timeZone = request.timeZone ?? settings.defaultTimeZone
  const language = request.language ?? "ja"

  return yield* commitAtomically(
    Effect.gen(function* () {
      const at = yield* now
      const taken = yield* takeKeyAndClaimName(prepared, timeZone, at).pipe(
        Effect.catchTag("LoginIdTaken", () => Effect.fail(new EmailTaken())),
      )
      const productId = taken.license.productId
      const product = yield* findProduct(productId)
      if (product?.details.audience !== "personal") {
        return yield* new ProductNotForPersonalAccounts({ productId })
      }
      const created = yield* decideOn(account, accountStreamId(accountId), {
        _tag: "RegisterPersonal",
        at,
        registration: { accountId, email: request.email, passwordHash, language, timeZone },
      })
      const mail = yield* licenseAddedMail({
        kind: "registration",
        to: request.email,
        language,
        loginId: request.email,
        companyName: undefined,
        key,
        license: taken.license,
      })
      return {
        writes: [...taken.writes, created.write],
        options: { metadata: metadataFor(accountId), outbox: [mail] },
        result: { accountId, loginId: request.email },
      }
    }),
    {
      idempotency:
        idempotencyKey === undefined
          ? undefined
          : {
              claim: yield* idempotencyClaim("personal-registration", { key: idempotencyKey, request }),
              answer: Registered,
            },
    },
  )
})
