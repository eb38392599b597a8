import { ParseResult, Schema } from "effect"
import { prefectures } from "./prefectures.js"

// The fields of the CLP registration and change forms (manual §3), with the rules of its tables:
// what is required, and the character classes its screens print beside each field.

const tooLong = (max: number) => ({ message: () => `must be at most ${max} characters` })

export const RequiredText = (max: number) =>
  Schema.Trim.pipe(
    Schema.nonEmptyString({ message: () => "is required" }),
    Schema.maxLength(max, tooLong(max)),
  )

const OptionalText = (max: number) =>
  Schema.optionalWith(Schema.Trim.pipe(Schema.maxLength(max, tooLong(max))), { exact: true })

/** Full-width katakana (with the long-vowel mark and spaces), as the manual's フリガナ fields ask. */
const Katakana = (max: number) =>
  Schema.Trim.pipe(
    Schema.maxLength(max, tooLong(max)),
    Schema.pattern(/^[\u30A0-\u30FF\u3000 ]*$/u, { message: () => "must be written in full-width katakana" }),
  )
const OptionalKatakana = (max: number) => Schema.optionalWith(Katakana(max), { exact: true })

// Full-width digits and hyphens are what a Japanese keyboard types: accepted, stored as ASCII.
const digitsOf = (text: string) => text.normalize("NFKC").replace(/[-‐‑–—−ー\s〒]/g, "")

// The stored side states its own form too, so what an event holds is as precise as what decodes
// (a property that makes events from the schema then makes only events the log can read back).
// `description` and `examples` are what `/openapi.json` shows of the wire string.
const normalised = (
  stored: RegExp,
  check: (digits: string) => string | undefined,
  message: string,
  wire: { readonly description: string; readonly examples: readonly [string, ...Array<string>] },
) =>
  Schema.transformOrFail(Schema.String, Schema.String.pipe(Schema.pattern(stored)), {
    strict: true,
    decode: (input, _, ast) => {
      const value = check(digitsOf(input))
      return value === undefined
        ? ParseResult.fail(new ParseResult.Type(ast, input, message))
        : ParseResult.succeed(value)
    },
    encode: ParseResult.succeed,
  }).annotations({ description: wire.description, examples: wire.examples })

/** `1234567`, `123-4567`, `〒１２３－４５６７` → `123-4567`. */
export const PostalCode = normalised(
  /^\d{3}-\d{4}$/,
  (d) => (/^\d{7}$/.test(d) ? `${d.slice(0, 3)}-${d.slice(3)}` : undefined),
  "must be a 7-digit postal code (123-4567)",
  {
    description:
      "7 digits, with or without the hyphen; full-width digits, hyphens and 〒 are accepted. Answered as 123-4567",
    examples: ["100-0005", "1000005"],
  },
)

export const Prefecture = Schema.Literal(...prefectures).annotations({
  message: () => "must be one of the 47 prefectures (東京都, 大阪府, …)",
})

/**
 * Two inputs, as on the manual's screens: the area code (市外局番) and the rest, digits only. Together
 * they make a Japanese number of 10 digits (fixed lines) or 11 (mobile and IP phones).
 */
export const PhoneNumber = Schema.Struct({
  areaCode: normalised(
    /^0\d{1,4}$/,
    (d) => (/^0\d{1,4}$/.test(d) ? d : undefined),
    "must be an area code starting with 0 (03, 045, 090…)",
    {
      description: "市外局番: 0 and 1 to 4 more digits (full-width digits accepted)",
      examples: ["03", "045", "090"],
    },
  ),
  number: normalised(/^\d{4,9}$/, (d) => (/^\d{4,9}$/.test(d) ? d : undefined), "must be 4 to 9 digits", {
    description: "The rest of the number: 4 to 9 digits, hyphens and full-width digits accepted",
    examples: ["1234-5678", "12345678"],
  }),
}).pipe(
  Schema.filter((phone) => {
    const length = phone.areaCode.length + phone.number.length
    return length === 10 || length === 11 || "area code and number together must be 10 or 11 digits"
  }),
)
export type PhoneNumber = typeof PhoneNumber.Type

export const EmailAddress = Schema.Trim.pipe(
  Schema.maxLength(254, tooLong(254)),
  Schema.pattern(
    /^[^\s@"(),:;<>[\]\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/,
    {
      message: () => "must be a valid e-mail address",
    },
  ),
)

/** The address block shared by the contractor (ご契約者) and the support contact (サポート窓口). */
const companyFields = {
  companyName: RequiredText(100),
  companyNameKana: OptionalKatakana(100),
  branchName: OptionalText(100),
  branchNameKana: OptionalKatakana(100),
  postalCode: PostalCode,
  prefecture: Prefecture,
  address1: RequiredText(200),
  address2: OptionalText(200),
}

const personFields = {
  contactName: RequiredText(60),
  contactNameKana: OptionalKatakana(60),
  department: OptionalText(100),
  phone: PhoneNumber,
  fax: Schema.optionalWith(PhoneNumber, { exact: true }),
}

/** ご契約者: the company; 備考 (remarks) appears only once registered. */
export const Contractor = Schema.Struct({ ...companyFields, remarks: OptionalText(1000) })
export type Contractor = typeof Contractor.Type

/** The account holder's own details, changeable after registration (the login ID is not among them). */
export const UserDetails = Schema.Struct({ email: EmailAddress, ...personFields })
export type UserDetails = typeof UserDetails.Type

/** サポート窓口: where product and company notices go; carries the emergency contact address. */
export const SupportContact = Schema.Struct({ ...companyFields, ...personFields, email: EmailAddress })
export type SupportContact = typeof SupportContact.Type

/** 購入先情報: the company the product was bought from, required by the manual's registration table. */
export const PurchaseSourceDetails = Schema.Struct({
  companyName: RequiredText(100).annotations({ description: "The company the product was bought from" }),
}).annotations({ identifier: "PurchaseSource" })

export const Language = Schema.Literal("ja", "en")
export type Language = typeof Language.Type
