import { Effect, Encoding } from "effect"
import { AccountSettings } from "../../../application/accounts/account-settings.js"
import { SecureRandom } from "../../../application/platform/secure-random.js"
import { defaultTimeZone } from "../../../domain/licensing/license-status.js"
import { keyConfirmationPage, keyEntryPage } from "../licensing/key-forms.js"
import { type KeyPreview, type KeyRefusal, previewForPage } from "../licensing/key-preview.js"
import { portalPaths } from "../portal-paths.js"
import { type FieldProblem, Notice } from "../shell/components.js"
import { Layout } from "../shell/layout.js"
import { html, type PageContext } from "../shell/page.js"
import { PersonalRegistrationForm } from "./personal-registration-form.js"
import { RadioChoice } from "./radio-choice.js"
import { RegistrationForm } from "./registration-form.js"
import { registrationTexts } from "./registration-texts.js"

// The screens of the first registration (manual 002, Steps 2–4), each an answer to the step before.

export const customerChoice = "customer"

// == Step 2: one key

export const keyStep = (context: PageContext, typed: string, refusal?: KeyRefusal) => {
  const t = registrationTexts[context.lang]
  return keyEntryPage(
    context,
    t.keyTitle,
    {
      action: portalPaths.register,
      label: t.keyLabel,
      hint: t.keyHint,
      typed,
      refusal,
      intro: (
        <>
          <p class="lead">{t.question}</p>
          <Notice kind="info">
            <strong>{t.noteLabel}</strong> {t.note}
          </Notice>
        </>
      ),
      before: (
        <RadioChoice
          name={customerChoice}
          legend={t.choiceLegend}
          value={context.form[customerChoice] === "existing" ? "existing" : "new"}
          options={[
            { value: "existing", label: t.existing, hint: t.existingHint },
            { value: "new", label: t.newCustomer, hint: t.newCustomerHint },
          ]}
        />
      ),
    },
    "panel registration-key",
  )
}

// == Step 3: 製品情報を確認

export const confirmStep = (
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

export const newIdempotencyKey = Effect.map(
  Effect.flatMap(SecureRandom, (random) => random.bytes(18)),
  Encoding.encodeBase64Url,
)

export const detailsStep = (
  context: PageContext,
  typed: string,
  preview: KeyPreview,
  problems: ReadonlyArray<FieldProblem>,
  idempotencyKey: string,
) =>
  Effect.map(AccountSettings, (settings) => {
    const t = registrationTexts[context.lang]
    const form = {
      chrome: context.chrome,
      typedKey: typed,
      preview,
      values: problems.length === 0 ? {} : context.form,
      problems,
      passwordPolicy: settings.passwordPolicy,
      idempotencyKey,
    }
    // The key's product decides the form: a company's, or a person's (no company form).
    const personal = preview.product.audience === "personal"
    return html(
      <Layout chrome={context.chrome} title={personal ? t.personalFormTitle : t.formTitle}>
        {personal ? <PersonalRegistrationForm {...form} /> : <RegistrationForm {...form} />}
      </Layout>,
      { status: problems.length === 0 ? 200 : 422 },
    )
  })

/** The key looked up again at each step (it may have been taken meanwhile), as new accounts' zone sees it. */
export const previewed = (context: PageContext, typed: string) =>
  previewForPage(context, typed, defaultTimeZone)
