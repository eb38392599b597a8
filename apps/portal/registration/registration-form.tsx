import type { Child } from "hono/jsx"
import type { PasswordPolicy } from "../../../domain/accounts/password-policy.js"
import { prefectures } from "../../../domain/accounts/prefectures.js"
import { type KeyPreview, keyFieldName, printedKey } from "../licensing/key-preview.js"
import { licensingTexts } from "../licensing/licensing-texts.js"
import { portalPaths } from "../portal-paths.js"
import {
  Actions,
  CsrfField,
  ErrorSummary,
  Field,
  type FieldProblem,
  SelectField,
} from "../shell/components.js"
import type { Chrome } from "../shell/page.js"
import { shellTexts } from "../shell/texts.js"
import { RadioChoice } from "./radio-choice.js"
import {
  type FieldSpec,
  inputNames,
  type SectionSpec,
  type SupportChoice,
  sections,
  supportChoiceName,
} from "./registration-fields.js"
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

const prefectureOptions = prefectures.map((name) => ({ value: name, label: name }))

const Input = (props: {
  readonly chrome: Chrome
  readonly section: SectionSpec
  readonly field: FieldSpec
  readonly values: Readonly<Record<string, string>>
  readonly problems: ReadonlyArray<FieldProblem>
  readonly passwordPolicy: PasswordPolicy
}) => {
  const { chrome, section, field, values, problems } = props
  const t = registrationTexts[chrome.lang]
  const name = `${section.prefix}${field.name}`
  const hint =
    field.name === "password"
      ? props.passwordPolicy === "manual"
        ? t.passwordHintManual
        : t.passwordHintAsvs
      : field.hint === undefined
        ? undefined
        : t[field.hint]
  const base = { chrome, problems, required: field.required ?? false }
  const common = {
    ...base,
    ...(hint === undefined ? {} : { hint }),
    ...(field.autocomplete === undefined ? {} : { autocomplete: field.autocomplete }),
  }
  switch (field.kind) {
    case "prefecture":
      return (
        <SelectField
          {...common}
          name={name}
          label={t[field.label]}
          value={values[name]}
          options={prefectureOptions}
          placeholder={t.choosePrefecture}
        />
      )
    case "phone": {
      const [areaCode, number] = inputNames(section, field)
      const autofill =
        field.name === "phone" ? (section.id === "support" ? "section-support tel" : "tel") : "off"
      return (
        <fieldset class="phone">
          <legend class="field-label">{t[field.label]}</legend>
          {hint === undefined ? null : <p class="hint">{hint}</p>}
          <div class="inline-fields">
            <Field
              {...base}
              name={areaCode!}
              label={t.areaCode}
              value={values[areaCode!]}
              type="tel"
              inputmode="numeric"
              autocomplete={autofill === "off" ? "off" : `${autofill}-area-code`}
              size="short"
            />
            <Field
              {...base}
              name={number!}
              label={t.number}
              value={values[number!]}
              type="tel"
              inputmode="numeric"
              autocomplete={autofill === "off" ? "off" : `${autofill}-local`}
              size="medium"
            />
          </div>
        </fieldset>
      )
    }
    default:
      return (
        <Field
          {...common}
          name={name}
          label={t[field.label]}
          value={values[name]}
          type={field.kind ?? "text"}
          {...(field.size === undefined ? {} : { size: field.size })}
        />
      )
  }
}

const Section = (props: {
  readonly chrome: Chrome
  readonly section: SectionSpec
  readonly values: Readonly<Record<string, string>>
  readonly problems: ReadonlyArray<FieldProblem>
  readonly passwordPolicy: PasswordPolicy
}) =>
  props.section.fields.map((field) => (
    <Input
      chrome={props.chrome}
      section={props.section}
      field={field}
      values={props.values}
      problems={props.problems}
      passwordPolicy={props.passwordPolicy}
    />
  ))

/** The same as above, or its own: without a script every field shows; with CSS `:has()` only the chosen ones. */
const SupportChoiceAndFields = (props: {
  readonly chrome: Chrome
  readonly choice: SupportChoice
  readonly fields: Child
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
        {props.fields}
      </div>
    </>
  )
}

export const RegistrationForm = (props: RegistrationFormProps) => {
  const { chrome, preview } = props
  const { lang } = chrome
  const t = registrationTexts[lang]
  const k = licensingTexts[lang]
  const s = shellTexts[lang]
  const choice: SupportChoice = props.values[supportChoiceName] === "other" ? "other" : "same"
  return (
    <>
      <ErrorSummary chrome={chrome} problems={props.problems} />
      <p class="lead">
        {t.thanks}
        <br />
        {t.formIntro}
      </p>
      <dl class="facts registering">
        <dt>{t.registering}</dt>
        <dd>
          {preview.product.names[lang]}（{k[preview.kind]}:{" "}
          <span class="key">{printedKey(props.typedKey)}</span>）
        </dd>
      </dl>
      <p>{t.requiredNote}</p>
      <form method="post" action={portalPaths.registerDetails} novalidate>
        <CsrfField chrome={chrome} />
        <input type="hidden" name={keyFieldName} value={printedKey(props.typedKey)} />
        <input type="hidden" name="acceptEula" value="on" />
        <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
        {sections.map((section) => {
          const fields = (
            <Section
              chrome={chrome}
              section={section}
              values={props.values}
              problems={props.problems}
              passwordPolicy={props.passwordPolicy}
            />
          )
          return (
            <fieldset class={`panel form-section form-section-${section.id}`}>
              <legend>
                <h2>{t[section.title]}</h2>
              </legend>
              {section.id === "support" ? (
                <SupportChoiceAndFields chrome={chrome} choice={choice} fields={fields} />
              ) : (
                fields
              )}
            </fieldset>
          )
        })}
        <Actions>
          <button type="submit" class="button">
            {s.continue}
          </button>
          <a class="button button-secondary" href={portalPaths.register}>
            {s.cancel}
          </a>
        </Actions>
      </form>
    </>
  )
}
