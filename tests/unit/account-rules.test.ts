import { Either, ParseResult, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { LoginId, loginIdKey } from "../../domain/accounts/login-id.js"
import { passwordProblems } from "../../domain/accounts/password-policy.js"
import { PhoneNumber, PostalCode, Prefecture, SupportContact } from "../../domain/accounts/profile.js"
import { sampleSupportContact } from "../support/sample-account.js"

const common = new Set(["password1", "qwertyuiop"])
const context = (policy: "manual" | "asvs") => ({
  policy,
  loginId: "ecss_sample",
  isCommon: (p: string) => common.has(p),
})

describe("password policy", () => {
  it("manual: 8–25 characters with digits, upper and lower case", () => {
    expect(passwordProblems("Abcdefg1", context("manual"))).toEqual([])
    expect(passwordProblems("Abcdef1", context("manual"))).toEqual(["must be 8 to 25 characters"])
    expect(passwordProblems(`Ab1${"x".repeat(23)}`, context("manual"))).toEqual([
      "must be 8 to 25 characters",
    ])
    expect(passwordProblems("abcdefgh", context("manual"))).toEqual([
      "must contain digits, upper-case and lower-case letters",
    ])
  })

  it("asvs: 8 to 128 characters, no composition rules, counted as a person counts", () => {
    expect(passwordProblems("correct horse battery", context("asvs"))).toEqual([])
    expect(passwordProblems("パスワードは長い", context("asvs"))).toEqual([])
    expect(passwordProblems("パスワード", context("asvs"))).toEqual(["must be at least 8 characters"])
    expect(passwordProblems("x".repeat(129), context("asvs"))).toEqual(["must be at most 128 characters"])
  })

  it("both refuse the login ID inside the password and common passwords, whatever the case", () => {
    for (const policy of ["manual", "asvs"] as const) {
      expect(passwordProblems("My_ECSS_SAMPLE_1x", context(policy))).toContain(
        "must not contain the login ID",
      )
      expect(passwordProblems("Password1", context(policy))).toContain(
        "is too common: choose one that others are unlikely to use",
      )
    }
  })
})

describe("registration fields", () => {
  const decode = <A, I>(schema: Schema.Schema<A, I>, value: unknown) =>
    Schema.decodeUnknownEither(schema)(value)

  it("normalises postal codes as Japanese keyboards type them", () => {
    for (const typed of ["1510053", "151-0053", "〒１５１－００５３", " 151 0053 "]) {
      expect(decode(PostalCode, typed)).toEqual(Either.right("151-0053"))
    }
    expect(Either.isLeft(decode(PostalCode, "15100"))).toBe(true)
  })

  it("takes a phone number as area code and number, 10 or 11 digits together", () => {
    expect(decode(PhoneNumber, { areaCode: "０３", number: "4330-7601" })).toEqual(
      Either.right({ areaCode: "03", number: "43307601" }),
    )
    expect(Either.isLeft(decode(PhoneNumber, { areaCode: "3", number: "43307601" }))).toBe(true)
    expect(Either.isLeft(decode(PhoneNumber, { areaCode: "03", number: "4330760" }))).toBe(true)
  })

  it("knows the 47 prefectures and nothing else", () => {
    expect(Either.isRight(decode(Prefecture, "沖縄県"))).toBe(true)
    expect(Either.isLeft(decode(Prefecture, "東京"))).toBe(true)
  })

  it("reports every invalid field of a support contact at once", () => {
    const result = Schema.decodeUnknownEither(SupportContact)(
      {
        ...sampleSupportContact,
        companyName: " ",
        contactNameKana: "やまだ",
        email: "nope",
        phone: { areaCode: "x", number: "1" },
      },
      { errors: "all" },
    )
    if (Either.isRight(result)) throw new Error("accepted")
    const paths = ParseResult.ArrayFormatter.formatErrorSync(result.left).map((issue) => issue.path.join("."))
    expect(new Set(paths)).toEqual(
      new Set(["companyName", "contactNameKana", "email", "phone.areaCode", "phone.number"]),
    )
  })

  it("makes login IDs unique regardless of case and width", () => {
    expect(loginIdKey("ECSS_Sample")).toBe(loginIdKey("ｅｃｓｓ_sample"))
    expect(Either.isRight(decode(LoginId, "ecss_sample"))).toBe(true)
    expect(Either.isLeft(decode(LoginId, "ab"))).toBe(true)
    expect(Either.isLeft(decode(LoginId, "has space"))).toBe(true)
  })
})
