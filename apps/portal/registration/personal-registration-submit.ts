import { Effect, Either } from "effect"
import { PersonalRegistrationRequest } from "../../../application/accounts/personal-registration.js"
import { registerPersonalAndSignIn } from "../../../application/accounts/registration-sign-in.js"
import { customerMetadata } from "../../http/sessions/session-of.js"
import { isIdempotencyKey } from "../../http/shell/idempotency-key.js"
import { type KeyTakenReason, keyFieldName, keyTakenRefusal } from "../licensing/key-preview.js"
import type { FieldProblem } from "../shell/components.js"
import { decodeForm, fieldProblems } from "../shell/form-fields.js"
import type { PageContext } from "../shell/page.js"
import { personalFormNames } from "./personal-registration-form.js"
import { keyStep } from "./registration-steps.js"
import { keyRefusals, onTheProductList, stepFourAgain, withPasswordProblems } from "./registration-submit.js"
import { registrationTexts } from "./registration-texts.js"

// Step 4 of a consumer product's key sent: decoded with the API's schema, registered, signed in.

type Errors = ReadonlyArray<{ readonly field: string; readonly reason: string }>

const problemsOf = (context: PageContext, errors: Errors): ReadonlyArray<FieldProblem> => {
  const t = registrationTexts[context.lang]
  const labels = {
    email: t.personalEmail,
    password: t.password,
    passwordConfirmation: t.passwordConfirmation,
  }
  return [...fieldProblems(context.lang, errors, labels, {})].sort(
    (a, b) =>
      personalFormNames.indexOf(a.name as (typeof personalFormNames)[number]) -
      personalFormNames.indexOf(b.name as (typeof personalFormNames)[number]),
  )
}

export const registerPersonal = (context: PageContext) =>
  Effect.gen(function* () {
    const { form, lang } = context
    const typed = form[keyFieldName] ?? ""
    const value = {
      licenseKey: typed,
      acceptEula: form.acceptEula === "on",
      email: form.email ?? "",
      password: form.password ?? "",
      passwordConfirmation: form.passwordConfirmation ?? "",
      language: lang,
    }
    const decoded = yield* Effect.either(decodeForm(PersonalRegistrationRequest, value))
    if (Either.isLeft(decoded)) {
      const errors = yield* withPasswordProblems(context, decoded.left, value.email)
      return yield* stepFourAgain(context, typed, problemsOf(context, errors))
    }
    const key = form.idempotencyKey ?? ""
    const refusedKey = (reason: KeyTakenReason) =>
      Effect.succeed(keyStep(context, typed, keyTakenRefusal(lang, reason)))
    return yield* registerPersonalAndSignIn(
      decoded.right,
      customerMetadata(context.request),
      isIdempotencyKey(key) ? key : undefined,
    ).pipe(
      Effect.map(onTheProductList),
      Effect.catchTags({
        InvalidFields: (error) => stepFourAgain(context, typed, problemsOf(context, error.errors)),
        EmailTaken: () =>
          stepFourAgain(context, typed, [{ name: "email", message: registrationTexts[lang].emailTaken }]),
        // The key's product is a company's after all: its own form is shown (detailsStep picks it).
        ProductNotForPersonalAccounts: () => stepFourAgain(context, typed, []),
        ...keyRefusals(refusedKey),
      }),
      // What is left (a conflict that outlasted its retries) is a 500 page.
      Effect.orDie,
    )
  })
