import { companyNames, personNames, phoneAnchors, profileLabels } from "../accounts/profile-fields.js"
import { profileTexts } from "../accounts/profile-texts.js"
import type { Lang } from "../shell/texts.js"
import { registrationTexts } from "./registration-texts.js"

// The registration form's inputs (manual 002, pages 11–12): the account's own field groups (the
// company's address block, a contact person, shared with 会社情報 and ユーザ登録情報), plus what only
// a registration asks (login ID, password, purchase source, emergency contact). From here come the
// names the use case's schema decodes, the error summary's labels and the order of its errors.

/** How the support contact is given: the company's and the user's details, or its own. */
export type SupportChoice = "same" | "other"
export const supportChoiceName = "supportContactChoice"
export const supportChoiceOf = (form: Readonly<Record<string, string>>): SupportChoice =>
  form[supportChoiceName] === "other" ? "other" : "same"

const accountNames = ["loginId", "password", "passwordConfirmation", "user.email"]
const supportNames = [
  ...companyNames("supportContact"),
  ...personNames("supportContact"),
  "supportContact.email",
]

/** Every input the use case reads, in the form's order (the support contact's only when given). */
export const formNames = (choice: SupportChoice): ReadonlyArray<string> => [
  ...companyNames("contractor"),
  ...accountNames,
  ...personNames("user"),
  "purchaseSource.companyName",
  "emergencyContactEmail",
  ...(choice === "other" ? supportNames : []),
]

/** The required groups, present even when left blank, so each of their fields is refused by name. */
export const requiredGroups = (choice: SupportChoice): ReadonlyArray<string> => [
  "contractor",
  "user",
  "user.phone",
  "purchaseSource",
  ...(choice === "other" ? ["supportContact", "supportContact.phone"] : []),
]

const within = (section: string, labels: Readonly<Record<string, string>>) =>
  Object.fromEntries(Object.entries(labels).map(([name, label]) => [name, `${section} - ${label}`]))

/**
 * The error summary's label of each input and group, its section first: 会社名 is asked three
 * times (company, purchase source, support contact).
 */
export const fieldLabels = (lang: Lang): Readonly<Record<string, string>> => {
  const t = registrationTexts[lang]
  return {
    ...within(t.company, profileLabels(lang, "contractor")),
    ...within(t.user, {
      ...profileLabels(lang, "user"),
      loginId: t.loginId,
      password: t.password,
      passwordConfirmation: t.passwordConfirmation,
    }),
    ...within(t.purchaseSource, { "purchaseSource.companyName": t.purchaseCompanyName }),
    ...within(t.emergency, { emergencyContactEmail: profileTexts[lang].emergencyContactEmail }),
    ...within(t.support, profileLabels(lang, "supportContact")),
  }
}

/** A refusal of a phone number as a whole points at its first input. */
export const groupAnchors: Readonly<Record<string, string>> = {
  ...phoneAnchors("user"),
  ...phoneAnchors("supportContact"),
}

/** The position of an input in the form, so the error summary lists problems top to bottom. */
export const formOrder = (name: string): number => {
  const index = formNames("other").indexOf(name)
  return index === -1 ? Number.MAX_SAFE_INTEGER : index
}
