import { prefectures } from "../../../domain/accounts/prefectures.js"
import { Field, type FieldProblem, type FieldProps, fieldId, SelectField } from "../shell/components.js"
import type { Chrome } from "../shell/page.js"
import { type Lang, shellTexts } from "../shell/texts.js"
import { prefectureName, profileTexts } from "./profile-texts.js"

// The account's field groups as the manual's forms show them: the company's address block (ご契約者,
// サポート窓口), a contact person (ユーザ登録情報, サポート窓口) with the two-part phone numbers, and
// the mapping between a stored section and the flat names of its inputs (`contractor.postalCode`).

/** A form's values by input name, as the browser posts them. */
export type FormValues = Readonly<Record<string, string>>

export const companyNames = (prefix: string) =>
  [
    "companyName",
    "companyNameKana",
    "branchName",
    "branchNameKana",
    "postalCode",
    "prefecture",
    "address1",
    "address2",
  ].map((name) => `${prefix}.${name}`)

export const personNames = (prefix: string) =>
  [
    "contactName",
    "contactNameKana",
    "department",
    "phone.areaCode",
    "phone.number",
    "fax.areaCode",
    "fax.number",
  ].map((name) => `${prefix}.${name}`)

/** What each input (and each phone number as a whole) is called in messages. */
export const profileLabels = (lang: Lang, prefix: string): Record<string, string> => {
  const t = profileTexts[lang]
  const labels: Record<string, string> = {}
  for (const name of [...companyNames(prefix), ...personNames(prefix)]) {
    const key = name.slice(prefix.length + 1)
    const [group, part] = key.split(".") as [keyof typeof t, "areaCode" | "number" | undefined]
    labels[name] = part === undefined ? (t[group] as string) : `${t[group]}（${t[part]}）`
  }
  labels[`${prefix}.phone`] = t.phone
  labels[`${prefix}.fax`] = t.fax
  labels[`${prefix}.email`] = t.email
  return labels
}

/** A refusal of a phone number as a whole (too many digits together) is shown at its first input. */
export const phoneAnchors = (prefix: string) => ({
  [`${prefix}.phone`]: `${prefix}.phone.areaCode`,
  [`${prefix}.fax`]: `${prefix}.fax.areaCode`,
})

interface FormProps {
  readonly chrome: Chrome
  readonly values: FormValues
  readonly problems: ReadonlyArray<FieldProblem>
}

interface GroupProps extends FormProps {
  readonly prefix: string
}

/** One input of the form, showing the value it has under its name. */
const input = (
  form: FormProps,
  name: string,
  label: string,
  extra: Omit<FieldProps, "chrome" | "name" | "label" | "value" | "problems"> = {},
) => (
  <Field
    chrome={form.chrome}
    name={name}
    label={label}
    value={form.values[name]}
    problems={form.problems}
    {...extra}
  />
)

/** 会社名 … 会社住所2: the address block of the contractor and of the support contact. */
export const CompanyFields = (props: GroupProps) => {
  const t = profileTexts[props.chrome.lang]
  const name = (key: string) => `${props.prefix}.${key}`
  return (
    <>
      {input(props, name("companyName"), t.companyName, { required: true })}
      {input(props, name("companyNameKana"), t.companyNameKana, { hint: t.kanaHint })}
      {input(props, name("branchName"), t.branchName)}
      {input(props, name("branchNameKana"), t.branchNameKana, { hint: t.kanaHint })}
      {input(props, name("postalCode"), t.postalCode, {
        hint: t.postalCodeHint,
        inputmode: "numeric",
        size: "medium",
        required: true,
      })}
      <SelectField
        chrome={props.chrome}
        name={name("prefecture")}
        label={t.prefecture}
        value={props.values[name("prefecture")]}
        placeholder={t.choosePrefecture}
        options={prefectures.map((p) => ({ value: p, label: prefectureName(props.chrome.lang, p) }))}
        required
        problems={props.problems}
      />
      {input(props, name("address1"), t.address1, { required: true })}
      {input(props, name("address2"), t.address2)}
    </>
  )
}

/**
 * A phone number in two inputs, 市外局番 and the rest, as on the manual's screen. The legend names
 * the number (and says whether it is required); each input is labelled by its part.
 */
export const PhoneFields = (
  props: FormProps & {
    readonly name: string
    readonly legend: string
    readonly required?: boolean
    /** The user's own number: the browser may fill it in (WCAG 1.3.5). */
    readonly own?: boolean
  },
) => {
  const t = profileTexts[props.chrome.lang]
  const phone = { type: "tel", inputmode: "numeric" } as const
  return (
    <fieldset class="phone-group" id={`${fieldId(props.name)}-group`}>
      <legend>
        {props.legend}
        {/* Not hidden from assistive technology: the inputs carry no required attribute of their own. */}
        {props.required ? <span class="tag-required">{shellTexts[props.chrome.lang].required}</span> : null}
      </legend>
      <div class="inline-fields">
        {input(props, `${props.name}.areaCode`, t.areaCode, {
          ...phone,
          size: "short",
          ...(props.own ? { autocomplete: "tel-area-code" } : {}),
        })}
        {input(props, `${props.name}.number`, t.number, {
          ...phone,
          hint: t.numberHint,
          size: "medium",
          ...(props.own ? { autocomplete: "tel-local" } : {}),
        })}
      </div>
    </fieldset>
  )
}

/** 担当者（氏名） … FAX番号: a contact person (the user themself, or the support contact). */
export const PersonFields = (props: GroupProps & { readonly own?: boolean }) => {
  const t = profileTexts[props.chrome.lang]
  const name = (key: string) => `${props.prefix}.${key}`
  const form = { chrome: props.chrome, values: props.values, problems: props.problems }
  return (
    <>
      {input(props, name("contactName"), t.contactName, {
        required: true,
        ...(props.own ? { autocomplete: "name" } : {}),
      })}
      {input(props, name("contactNameKana"), t.contactNameKana, { hint: t.kanaHint })}
      {input(props, name("department"), t.department)}
      <PhoneFields {...form} name={name("phone")} legend={t.phone} required own={props.own === true} />
      <PhoneFields {...form} name={name("fax")} legend={t.fax} />
    </>
  )
}

/** An e-mail address input (the user's, the support contact's, the emergency contact's). */
export const EmailField = (
  props: FormProps & { readonly name: string; readonly label: string; readonly own?: boolean },
) =>
  input(props, props.name, props.label, {
    type: "email",
    hint: profileTexts[props.chrome.lang].emailHint,
    required: true,
    ...(props.own ? { autocomplete: "email" } : {}),
  })
