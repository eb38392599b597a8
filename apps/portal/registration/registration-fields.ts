import type { Lang } from "../shell/texts.js"
import { registrationTexts } from "./registration-texts.js"

// The registration form's inputs as data (manual 002, pages 11–12: which field, required or not),
// so that the form, the names the use case's schema decodes, the labels of the error summary and
// the order of its errors all come from one list.

type Label = keyof {
  [K in keyof typeof registrationTexts.ja as (typeof registrationTexts.ja)[K] extends string
    ? K
    : never]: true
}

export interface FieldSpec {
  /** The name within its section (`companyName`); the form's name adds the section's prefix. */
  readonly name: string
  readonly label: Label
  readonly required?: boolean
  readonly hint?: Label
  readonly kind?: "text" | "email" | "password" | "prefecture" | "phone"
  readonly autocomplete?: string
  readonly size?: "short" | "medium" | "long"
}

export interface SectionSpec {
  readonly id: "company" | "user" | "purchaseSource" | "emergency" | "support"
  readonly title: Label
  /** Prepended to each field's name: `contractor.`, or nothing for the account's own fields. */
  readonly prefix: string
  readonly fields: ReadonlyArray<FieldSpec>
}

// The address block that the company and the support contact share (the schema's `companyFields`).
const companyFields = (autofill: string): ReadonlyArray<FieldSpec> => [
  { name: "companyName", label: "companyName", required: true, autocomplete: `${autofill}organization` },
  { name: "companyNameKana", label: "companyNameKana", hint: "kanaHint" },
  { name: "branchName", label: "branchName" },
  { name: "branchNameKana", label: "branchNameKana", hint: "kanaHint" },
  {
    name: "postalCode",
    label: "postalCode",
    required: true,
    hint: "postalCodeHint",
    autocomplete: `${autofill}postal-code`,
    size: "short",
  },
  {
    name: "prefecture",
    label: "prefecture",
    required: true,
    kind: "prefecture",
    autocomplete: `${autofill}address-level1`,
  },
  { name: "address1", label: "address1", required: true, autocomplete: `${autofill}address-line1` },
  { name: "address2", label: "address2", autocomplete: `${autofill}address-line2` },
]

// The person block that the user and the support contact share (the schema's `personFields`).
const personFields = (autofill: string): ReadonlyArray<FieldSpec> => [
  { name: "contactName", label: "contactName", required: true, autocomplete: `${autofill}name` },
  { name: "contactNameKana", label: "contactNameKana", hint: "kanaHint" },
  { name: "department", label: "department" },
  { name: "phone", label: "phone", required: true, kind: "phone", hint: "phoneHint" },
  { name: "fax", label: "fax", kind: "phone", hint: "faxHint" },
]

const email = (autofill: string): FieldSpec => ({
  name: "email",
  label: "email",
  required: true,
  kind: "email",
  autocomplete: `${autofill}email`,
})

/** The five sections in the manual's order (Step 4). */
export const sections: ReadonlyArray<SectionSpec> = [
  { id: "company", title: "company", prefix: "contractor.", fields: companyFields("") },
  {
    id: "user",
    title: "user",
    prefix: "",
    fields: [
      {
        name: "loginId",
        label: "loginId",
        required: true,
        hint: "loginIdHint",
        autocomplete: "username",
      },
      { name: "password", label: "password", required: true, kind: "password", autocomplete: "new-password" },
      {
        name: "passwordConfirmation",
        label: "passwordConfirmation",
        required: true,
        kind: "password",
        hint: "passwordConfirmationHint",
        autocomplete: "new-password",
      },
      ...[email(""), ...personFields("")].map((field) => ({ ...field, name: `user.${field.name}` })),
    ],
  },
  {
    id: "purchaseSource",
    title: "purchaseSource",
    prefix: "purchaseSource.",
    fields: [{ name: "companyName", label: "purchaseCompanyName", required: true, hint: "purchaseHint" }],
  },
  {
    id: "emergency",
    title: "emergency",
    prefix: "",
    fields: [
      {
        name: "emergencyContactEmail",
        label: "emergencyEmail",
        required: true,
        kind: "email",
        hint: "emergencyHint",
      },
    ],
  },
  {
    id: "support",
    title: "support",
    prefix: "supportContact.",
    fields: [
      ...companyFields("section-support "),
      ...personFields("section-support "),
      email("section-support "),
    ],
  },
]

/** How the support contact is given: the company's and the user's details, or its own. */
export type SupportChoice = "same" | "other"
export const supportChoiceName = "supportContactChoice"
export const supportChoiceOf = (form: Readonly<Record<string, string>>): SupportChoice =>
  form[supportChoiceName] === "other" ? "other" : "same"

const phoneParts = ["areaCode", "number"] as const

/** The form names of a field: one input, or a phone number's two. */
export const inputNames = (section: SectionSpec, field: FieldSpec): ReadonlyArray<string> =>
  field.kind === "phone"
    ? phoneParts.map((part) => `${section.prefix}${field.name}.${part}`)
    : [`${section.prefix}${field.name}`]

const sectionsFor = (choice: SupportChoice) =>
  sections.filter((section) => section.id !== "support" || choice === "other")

/** Every input the use case reads, in the form's order (the support contact's only when given). */
export const formNames = (choice: SupportChoice): ReadonlyArray<string> =>
  sectionsFor(choice).flatMap((section) => section.fields.flatMap((field) => inputNames(section, field)))

/** The required groups, present even when left blank, so each of their fields is refused by name. */
export const requiredGroups = (choice: SupportChoice): ReadonlyArray<string> => [
  "contractor",
  "user",
  "user.phone",
  "purchaseSource",
  ...(choice === "other" ? ["supportContact", "supportContact.phone"] : []),
]

/**
 * The error summary's label of each input and group: the section first, since 会社名 is asked
 * three times (company, purchase source, support contact).
 */
export const fieldLabels = (lang: Lang): Readonly<Record<string, string>> => {
  const t = registrationTexts[lang]
  const labels: Record<string, string> = {}
  for (const section of sections) {
    for (const field of section.fields) {
      const label = `${t[section.title]} - ${t[field.label]}`
      labels[`${section.prefix}${field.name}`] = label
      if (field.kind === "phone") {
        for (const part of phoneParts) {
          labels[`${section.prefix}${field.name}.${part}`] =
            lang === "ja" ? `${label}（${t[part]}）` : `${label} (${t[part]})`
        }
      }
    }
  }
  return labels
}

/** A refusal of a phone number as a whole points at its first input. */
export const groupAnchors: Readonly<Record<string, string>> = Object.fromEntries(
  sections.flatMap((section) =>
    section.fields
      .filter((field) => field.kind === "phone")
      .map((field) => [`${section.prefix}${field.name}`, `${section.prefix}${field.name}.areaCode`]),
  ),
)

/** The position of an input in the form, so the error summary lists problems top to bottom. */
export const formOrder = (name: string): number => {
  const index = formNames("other").indexOf(name)
  return index === -1 ? Number.MAX_SAFE_INTEGER : index
}
