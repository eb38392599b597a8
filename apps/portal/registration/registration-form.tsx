import type { Child } from "hono/jsx"
import type { PasswordPolicy } from "../../../domain/accounts/password-policy.js"
import { CompanyFields, EmailField, PersonFields } from "../accounts/profile-fields.js"
import { profileTexts } from "../accounts/profile-texts.js"
import { type KeyPreview, keyFieldName, printedKey } from "../licensing/key-preview.js"
import { licensingTexts } from "../licensing/licensing-texts.js"
import { portalPaths } from "../portal-paths.js"
import { Actions, CsrfField, ErrorSummary, Field, type FieldProblem } from "../shell/components.js"
import type { Chrome } from "../shell/page.js"
import { shellTexts } from "../shell/texts.js"
import { RadioChoice } from "./radio-choice.js"
import { type SupportChoice, supportChoiceName, supportChoiceOf } from "./registration-fields.js"
import { registrationTexts } from "./registration-texts.js"

// Step 4 of the first registration: 会社情報, ユーザ登録情報, 購入先情報, 緊急連絡先情報, サポート窓口.

export interface RegistrationFormProps {
  readonly chrome: Chrome
  readonly typedKey: string
  readonly preview: KeyPreview
  /** What was typed, shown again after a refusal (never the passwords: `Field` leaves them empty). */
  readonly values: Readonly<Record<string, string>>
  readonly problems: ReadonlyArray<FieldProblem>
  readonly passwordPolicy: PasswordPolicy
  /** The same for every submission of this form, so a second click registers nothing twice. */
  readonly idempotencyKey: string
}

const FormSection = (props: { readonly id: string; readonly title: string; readonly children: Child }) => (
  <fieldset class={`panel form-section form-section-${props.id}`}>
    <legend>
      <h2>{props.title}</h2>
    </legend>
    {props.children}
  </fieldset>
)

/** A new account's password, twice, under the policy's hint (both kinds of account). */
export const NewPasswordFields = (props: {
  readonly chrome: Chrome
  readonly problems: ReadonlyArray<FieldProblem>
  readonly passwordPolicy: PasswordPolicy
}) => {
  const t = registrationTexts[props.chrome.lang]
  const common = { chrome: props.chrome, problems: props.problems, required: true }
  return (
    <>
      <Field
        {...common}
        name="password"
        label={t.password}
        type="password"
        hint={props.passwordPolicy === "manual" ? t.passwordHintManual : t.passwordHintAsvs}
        autocomplete="new-password"
      />
      <Field
        {...common}
        name="passwordConfirmation"
        label={t.passwordConfirmation}
        type="password"
        hint={t.passwordConfirmationHint}
        autocomplete="new-password"
      />
    </>
  )
}

/** What only a new account asks of its user: the login ID (never changed) and the password, twice. */
const AccountFields = (props: {
  readonly chrome: Chrome
  readonly values: Readonly<Record<string, string>>
  readonly problems: ReadonlyArray<FieldProblem>
  readonly passwordPolicy: PasswordPolicy
}) => {
  const t = registrationTexts[props.chrome.lang]
  return (
    <>
      <Field
        chrome={props.chrome}
        problems={props.problems}
        required
        name="loginId"
        label={t.loginId}
        hint={t.loginIdHint}
        value={props.values.loginId}
        autocomplete="username"
      />
      <NewPasswordFields {...props} />
    </>
  )
}

/** The same as above, or its own: without a script every field shows; with CSS `:has()` only the chosen ones. */
const SupportChoiceAndFields = (props: {
  readonly chrome: Chrome
  readonly choice: SupportChoice
  readonly children: Child
}) => {
  const t = registrationTexts[props.chrome.lang]
  return (
    <>
      <p>{t.supportIntro}</p>
      <RadioChoice
        name={supportChoiceName}
        legend={t.supportChoiceLegend}
        legendHidden
        value={props.choice}
        options={[
          { value: "same", label: t.supportSame },
          { value: "other", label: t.supportOther },
        ]}
      />
      <div class="support-fields">
        <p class="hint">{t.supportFieldsNote}</p>
        {props.children}
      </div>
    </>
  )
}

/** Above both forms of Step 4: the problems, the thanks, and what is being registered. */
export const RegisteringIntro = (props: RegistrationFormProps & { readonly intro: string }) => {
  const { chrome, preview } = props
  const { lang } = chrome
  const t = registrationTexts[lang]
  const k = licensingTexts[lang]
  return (
    <>
      <ErrorSummary chrome={chrome} problems={props.problems} />
      <p class="lead">
        {t.thanks}
        <br />
        {props.intro}
      </p>
      <dl class="facts registering">
        <dt>{t.registering}</dt>
        <dd>
          {preview.product.names[lang]}（{k[preview.kind]}:{" "}
          <span class="key">{printedKey(props.typedKey)}</span>）
        </dd>
      </dl>
    </>
  )
}

/** 続行, or キャンセル back to the key step. */
export const ContinueOrCancel = (props: { readonly chrome: Chrome }) => {
  const s = shellTexts[props.chrome.lang]
  return (
    <Actions>
      <button type="submit" class="button">
        {s.continue}
      </button>
      <a class="button button-secondary" href={portalPaths.register}>
        {s.cancel}
      </a>
    </Actions>
  )
}

/** What both forms carry from step to step: the key, the agreement, the one idempotency key. */
export const RegisteringHiddenFields = (props: RegistrationFormProps) => (
  <>
    <CsrfField chrome={props.chrome} />
    <input type="hidden" name={keyFieldName} value={printedKey(props.typedKey)} />
    <input type="hidden" name="acceptEula" value="on" />
    <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
  </>
)

export const RegistrationForm = (props: RegistrationFormProps) => {
  const { chrome } = props
  const { lang } = chrome
  const t = registrationTexts[lang]
  const p = profileTexts[lang]
  const choice = supportChoiceOf(props.values)
  const form = { chrome, values: props.values, problems: props.problems }
  return (
    <>
      <RegisteringIntro {...props} intro={t.formIntro} />
      <p>{t.requiredNote}</p>
      <form method="post" action={portalPaths.registerDetails} novalidate>
        <RegisteringHiddenFields {...props} />
        <FormSection id="company" title={t.company}>
          <CompanyFields {...form} prefix="contractor" />
        </FormSection>
        <FormSection id="user" title={t.user}>
          <AccountFields {...form} passwordPolicy={props.passwordPolicy} />
          <EmailField {...form} name="user.email" label={p.email} own />
          <PersonFields {...form} prefix="user" own />
        </FormSection>
        <FormSection id="purchaseSource" title={t.purchaseSource}>
          <Field
            {...form}
            name="purchaseSource.companyName"
            label={t.purchaseCompanyName}
            hint={t.purchaseHint}
            value={props.values["purchaseSource.companyName"]}
            required
          />
        </FormSection>
        <FormSection id="emergency" title={t.emergency}>
          <p class="hint">{t.emergencyHint}</p>
          <EmailField {...form} name="emergencyContactEmail" label={p.emergencyContactEmail} />
        </FormSection>
        <FormSection id="support" title={t.support}>
          <SupportChoiceAndFields chrome={chrome} choice={choice}>
            <CompanyFields {...form} prefix="supportContact" />
            <PersonFields {...form} prefix="supportContact" />
            <EmailField {...form} name="supportContact.email" label={p.email} />
          </SupportChoiceAndFields>
        </FormSection>
        <ContinueOrCancel chrome={chrome} />
      </form>
    </>
  )
}
