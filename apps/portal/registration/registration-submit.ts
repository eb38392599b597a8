import { Effect, Either } from "effect"
import type { InvalidFields } from "../../../application/accounts/invalid-fields.js"
import { checkNewPassword } from "../../../application/accounts/password-rules.js"
import { RegistrationRequest } from "../../../application/accounts/registration.js"
import { registerAndSignIn } from "../../../application/accounts/registration-sign-in.js"
import { customerMetadata } from "../../http/sessions/session-of.js"
import { isIdempotencyKey } from "../../http/shell/idempotency-key.js"
import { type KeyTakenReason, keyFieldName, keyTakenRefusal } from "../licensing/key-preview.js"
import { portalPaths } from "../portal-paths.js"
import type { FieldProblem } from "../shell/components.js"
import { decodeForm, fieldProblems, nestedValues } from "../shell/form-fields.js"
import { type PageContext, redirect } from "../shell/page.js"
import {
  fieldLabels,
  formNames,
  formOrder,
  groupAnchors,
  requiredGroups,
  supportChoiceOf,
} from "./registration-fields.js"
import { detailsStep, keyStep, newIdempotencyKey, previewed } from "./registration-steps.js"

// Step 4 sent: decoded with the API's schema, registered, signed in (Step 5); or shown again.

type Errors = ReadonlyArray<{ readonly field: string; readonly reason: string }>

/**
 * The password policy's refusals beside the schema's, so one submission lists every problem: the
 * schema alone stops before the policy is asked. A field the schema refused already keeps that refusal.
 */
export const withPasswordProblems = (
  context: PageContext,
  errors: Errors,
  signInName = context.form.loginId ?? "",
) =>
  checkNewPassword({
    loginId: signInName,
    password: context.form.password ?? "",
    confirmation: context.form.passwordConfirmation ?? "",
    field: "/password",
    confirmationField: "/passwordConfirmation",
  }).pipe(
    Effect.as(errors),
    Effect.catchTag("InvalidFields", (policy: InvalidFields) =>
      Effect.succeed([
        ...errors,
        ...policy.errors.filter((e) => !errors.some((known) => known.field === e.field)),
      ]),
    ),
  )

/** Refusals in the user's language, in the order of the form's inputs. */
const problemsOf = (context: PageContext, errors: Errors): ReadonlyArray<FieldProblem> =>
  [...fieldProblems(context.lang, errors, fieldLabels(context.lang), groupAnchors)].sort(
    (a, b) => formOrder(a.name) - formOrder(b.name),
  )

/**
 * Step 4 shown again with its problems (both forms: `detailsStep` picks the one the key's product
 * needs), under the same idempotency key; the key step if the key itself can no longer go on.
 */
export const stepFourAgain = (context: PageContext, typed: string, problems: ReadonlyArray<FieldProblem>) =>
  Effect.gen(function* () {
    const preview = yield* previewed(context, typed)
    if (Either.isLeft(preview)) return keyStep(context, typed, preview.left)
    const key = context.form.idempotencyKey ?? ""
    return yield* detailsStep(
      context,
      typed,
      preview.right,
      problems,
      isIdempotencyKey(key) ? key : yield* newIdempotencyKey,
    )
  })

const formAgain = (context: PageContext, typed: string, errors: Errors) =>
  stepFourAgain(context, typed, problemsOf(context, errors))

/** Step 5: signed in, on the product list with its "registered" message. */
export const onTheProductList = (created: {
  readonly productId: string
  readonly session: { readonly token: string }
}) =>
  redirect(
    `${portalPaths.products}?${new URLSearchParams({ notice: "registered", product: created.productId })}`,
    {
      cookies: [{ name: "session", value: created.session.token }],
    },
  )

/** The key's refusals at Step 4, for both forms: the key step again, saying why. */
export const keyRefusals = <A>(refusedKey: (reason: KeyTakenReason) => A) => ({
  LicenseAlreadyRegistered: () => refusedKey("registered"),
  // The same form sent again with other details after it registered the account.
  IdempotencyKeyReused: () => refusedKey("registered"),
  LicenseKeyExpired: () => refusedKey("expired"),
  ServiceEnded: () => refusedKey("ended"),
  LicenseKeyUnknown: () => refusedKey("unknown"),
  ProductKeyUnknown: () => refusedKey("unknown"),
  ProductKeyMalformed: () => refusedKey("unknown"),
})

export const register = (context: PageContext) =>
  Effect.gen(function* () {
    const { form, lang } = context
    const typed = form[keyFieldName] ?? ""
    const choice = supportChoiceOf(form)
    const value = {
      ...nestedValues(form, formNames(choice), requiredGroups(choice)),
      licenseKey: typed,
      acceptEula: form.acceptEula === "on",
      // The account's mail is in the language the registration was made in.
      language: lang,
    }
    const decoded = yield* Effect.either(decodeForm(RegistrationRequest, value))
    if (Either.isLeft(decoded)) {
      return yield* formAgain(context, typed, yield* withPasswordProblems(context, decoded.left))
    }
    const key = form.idempotencyKey ?? ""
    const refusedKey = (reason: KeyTakenReason) =>
      Effect.succeed(keyStep(context, typed, keyTakenRefusal(lang, reason)))
    return yield* registerAndSignIn(
      decoded.right,
      customerMetadata(context.request),
      isIdempotencyKey(key) ? key : undefined,
    ).pipe(
      Effect.map(onTheProductList),
      Effect.catchTags({
        InvalidFields: (error) => formAgain(context, typed, error.errors),
        LoginIdTaken: () => formAgain(context, typed, [{ field: "/loginId", reason: "is already taken" }]),
        ...keyRefusals(refusedKey),
      }),
      // What is left (a conflict that outlasted its retries, an account that exists already) is a 500 page.
      Effect.orDie,
    )
  })
