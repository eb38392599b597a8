import { Effect, Either, Encoding } from "effect"
import { AccountSettings } from "../../../application/accounts/account-settings.js"
import type { InvalidFields } from "../../../application/accounts/invalid-fields.js"
import { checkNewPassword } from "../../../application/accounts/password-rules.js"
import { RegistrationRequest } from "../../../application/accounts/registration.js"
import { registerAndSignIn } from "../../../application/accounts/registration-sign-in.js"
import { SecureRandom } from "../../../application/platform/secure-random.js"
import { defaultTimeZone } from "../../../domain/licensing/license-status.js"
import { customerMetadata } from "../../http/sessions/session-of.js"
import { isIdempotencyKey } from "../../http/shell/idempotency-key.js"
import {
  agreementProblems,
  KeyEntryForm,
  type KeyPreview,
  type KeyRefusal,
  keyConfirmationPage,
  keyFieldName,
  keyFormAnswer,
  keyTakenRefusal,
  previewForPage,
} from "../licensing/key-preview.js"
import { portalPaths } from "../portal-paths.js"
import { type FieldProblem, Notice } from "../shell/components.js"
import { decodeForm, fieldProblems, nestedValues } from "../shell/form-fields.js"
import { Layout } from "../shell/layout.js"
import { definePage, html, type PageContext, redirect } from "../shell/page.js"
import { RadioChoice } from "./radio-choice.js"
import {
  fieldLabels,
  formNames,
  formOrder,
  groupAnchors,
  requiredGroups,
  supportChoiceOf,
} from "./registration-fields.js"
import { RegistrationForm } from "./registration-form.js"
import { registrationTexts } from "./registration-texts.js"

// 初めて製品・ユーザ登録を行う (manual 002): Step 2 one key → Step 3 製品情報を確認 with the licence
// agreement → Step 4 the form → Step 5 signed in, on the product list. Steps 3 and 4 are answers to
// POSTs: the key goes from step to step in the forms' bodies, never in a URL or a cookie.

const customerChoice = "customer"

// == Step 2: one key

const keyStep = (context: PageContext, typed: string, refusal?: KeyRefusal) => {
  const t = registrationTexts[context.lang]
  return html(
    <Layout chrome={context.chrome} title={t.keyTitle}>
      <div class="panel registration-key">
        <KeyEntryForm
          chrome={context.chrome}
          action={portalPaths.register}
          label={t.keyLabel}
          hint={t.keyHint}
          typed={typed}
          refusal={refusal}
          intro={
            <>
              <p class="lead">{t.question}</p>
              <Notice kind="info">
                <strong>{t.noteLabel}</strong> {t.note}
              </Notice>
            </>
          }
          before={
            <RadioChoice
              name={customerChoice}
              legend={t.choiceLegend}
              value={context.form[customerChoice] === "existing" ? "existing" : "new"}
              options={[
                { value: "existing", label: t.existing, hint: t.existingHint },
                { value: "new", label: t.newCustomer, hint: t.newCustomerHint },
              ]}
            />
          }
        />
      </div>
    </Layout>,
    keyFormAnswer(refusal),
  )
}

// == Step 3: 製品情報を確認

const confirmStep = (
  context: PageContext,
  typed: string,
  preview: KeyPreview,
  problems: ReadonlyArray<FieldProblem> = [],
) =>
  keyConfirmationPage(
    context,
    { action: portalPaths.registerConfirm, cancel: portalPaths.register },
    typed,
    preview,
    problems,
  )

// == Step 4: the form

const newIdempotencyKey = Effect.map(
  Effect.flatMap(SecureRandom, (random) => random.bytes(18)),
  Encoding.encodeBase64Url,
)

const detailsStep = (
  context: PageContext,
  typed: string,
  preview: KeyPreview,
  problems: ReadonlyArray<FieldProblem>,
  idempotencyKey: string,
) =>
  Effect.map(AccountSettings, (settings) =>
    html(
      <Layout chrome={context.chrome} title={registrationTexts[context.lang].formTitle}>
        <RegistrationForm
          chrome={context.chrome}
          typedKey={typed}
          preview={preview}
          values={problems.length === 0 ? {} : context.form}
          problems={problems}
          passwordPolicy={settings.passwordPolicy}
          idempotencyKey={idempotencyKey}
        />
      </Layout>,
      { status: problems.length === 0 ? 200 : 422 },
    ),
  )

/** The key looked up again at each step (it may have been taken meanwhile), as new accounts' zone sees it. */
const previewed = (context: PageContext, typed: string) => previewForPage(context, typed, defaultTimeZone)

type Errors = ReadonlyArray<{ readonly field: string; readonly reason: string }>

/**
 * The password policy's refusals beside the schema's, so one submission lists every problem: the
 * schema alone stops before the policy is asked. A field the schema refused already keeps that refusal.
 */
const withPasswordProblems = (context: PageContext, errors: Errors) =>
  checkNewPassword({
    loginId: context.form.loginId ?? "",
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

const formAgain = (context: PageContext, typed: string, errors: Errors) =>
  Effect.gen(function* () {
    const preview = yield* previewed(context, typed)
    if (Either.isLeft(preview)) return keyStep(context, typed, preview.left)
    const key = context.form.idempotencyKey ?? ""
    return yield* detailsStep(
      context,
      typed,
      preview.right,
      problemsOf(context, errors),
      isIdempotencyKey(key) ? key : yield* newIdempotencyKey,
    )
  })

const register = (context: PageContext) =>
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
    const refusedKey = (reason: "registered" | "expired" | "unknown") =>
      Effect.succeed(keyStep(context, typed, keyTakenRefusal(lang, reason)))
    return yield* registerAndSignIn(
      decoded.right,
      customerMetadata(context.request),
      isIdempotencyKey(key) ? key : undefined,
    ).pipe(
      Effect.map((created) =>
        redirect(
          `${portalPaths.products}?${new URLSearchParams({ notice: "registered", product: created.productId })}`,
          {
            cookies: [{ name: "session", value: created.session.token }],
          },
        ),
      ),
      Effect.catchTags({
        InvalidFields: (error) => formAgain(context, typed, error.errors),
        LoginIdTaken: () => formAgain(context, typed, [{ field: "/loginId", reason: "is already taken" }]),
        LicenseAlreadyRegistered: () => refusedKey("registered"),
        // The same form sent again with other details after it registered the account.
        IdempotencyKeyReused: () => refusedKey("registered"),
        LicenseKeyExpired: () => refusedKey("expired"),
        LicenseKeyUnknown: () => refusedKey("unknown"),
        ProductKeyUnknown: () => refusedKey("unknown"),
        ProductKeyMalformed: () => refusedKey("unknown"),
      }),
      // What is left (a conflict that outlasted its retries, an account that exists already) is a 500 page.
      Effect.orDie,
    )
  })

// == the pages

export const registrationPages = [
  definePage({
    path: portalPaths.register,
    auth: "none",
    get: (context) => Effect.succeed(keyStep(context, "")),
    post: (context) => {
      // Customers with a login ID add the key once signed in (manual: ご利用中のIDでログインし、製品を追加します).
      if (context.form[customerChoice] === "existing") {
        return Effect.succeed(
          redirect(`${portalPaths.signIn}?${new URLSearchParams({ next: portalPaths.addKey })}`),
        )
      }
      const typed = context.form[keyFieldName] ?? ""
      return Effect.map(previewed(context, typed), (preview) =>
        Either.match(preview, {
          onLeft: (refusal) => keyStep(context, typed, refusal),
          onRight: (found) => confirmStep(context, typed, found),
        }),
      )
    },
  }),
  definePage({
    path: portalPaths.registerConfirm,
    auth: "none",
    // Reached only by the confirmation's form: the key is in its body, never in a URL.
    get: () => Effect.succeed(redirect(portalPaths.register)),
    post: (context) =>
      Effect.gen(function* () {
        const typed = context.form[keyFieldName] ?? ""
        const preview = yield* previewed(context, typed)
        if (Either.isLeft(preview)) return keyStep(context, typed, preview.left)
        const problems = yield* agreementProblems(context.lang, context.form)
        if (problems.length > 0) return confirmStep(context, typed, preview.right, problems)
        return yield* detailsStep(context, typed, preview.right, [], yield* newIdempotencyKey)
      }),
  }),
  definePage({
    path: portalPaths.registerDetails,
    auth: "none",
    get: () => Effect.succeed(redirect(portalPaths.register)),
    post: register,
  }),
]
