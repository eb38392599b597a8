import { Either, FastCheck as fc, ParseResult, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { RegistrationRequest } from "../../application/accounts/registration.js"

const valid = {
  licenseKey: "HZ-UVCA-Y69X-W585-9R6K",
  acceptEula: true,
  loginId: "ecss_sample",
  password: "Kagi2Mori#Tsuki",
  passwordConfirmation: "Kagi2Mori#Tsuki",
  user: {
    email: "user@example.co.jp",
    contactName: "山田 太郎",
    contactNameKana: "ヤマダ タロウ",
    phone: { areaCode: "03", number: "12345678" },
  },
  contractor: {
    companyName: "サンプル株式会社",
    postalCode: "160-0022",
    prefecture: "東京都",
    address1: "新宿区新宿4-1-6",
  },
  purchaseSource: { companyName: "販売店株式会社" },
  emergencyContactEmail: "emergency@example.co.jp",
}

// A form as a client may send it: any field may hold anything.
type Form = Record<string, unknown> & { user: Record<string, unknown>; contractor: Record<string, unknown> }

// Each entry breaks one field; the pointer is where the error must be reported.
const breakers: ReadonlyArray<readonly [pointer: string, (form: Form) => void]> = [
  ["/acceptEula", (f) => (f.acceptEula = false)],
  ["/loginId", (f) => (f.loginId = "a b")],
  ["/user/email", (f) => (f.user.email = "not-an-address")],
  ["/user/contactName", (f) => (f.user.contactName = "  ")],
  ["/user/contactNameKana", (f) => (f.user.contactNameKana = "yamada")],
  ["/user/phone", (f) => (f.user.phone = { areaCode: "03", number: "12" })],
  ["/contractor/companyName", (f) => (f.contractor.companyName = "")],
  ["/contractor/postalCode", (f) => (f.contractor.postalCode = "12-34")],
  ["/contractor/prefecture", (f) => (f.contractor.prefecture = "東京")],
  ["/contractor/address1", (f) => (f.contractor.address1 = "")],
  ["/emergencyContactEmail", (f) => (f.emergencyContactEmail = "x@")],
  ["/timeZone", (f) => (f.timeZone = "Mars/Olympus")],
]

const decode = Schema.decodeUnknownEither(RegistrationRequest, { errors: "all" })
const reported = (input: unknown): ReadonlyArray<string> => {
  const result = decode(input)
  if (Either.isRight(result)) return []
  return ParseResult.ArrayFormatter.formatErrorSync(result.left).map((issue) => `/${issue.path.join("/")}`)
}

describe("registration validation", () => {
  it("accepts the valid form", () => {
    expect(reported(valid)).toEqual([])
  })

  it("reports every broken field at once, whichever fields are broken", () => {
    fc.assert(
      fc.property(fc.subarray([...breakers], { minLength: 1 }), (chosen) => {
        const form: Form = structuredClone(valid)
        for (const [, breakIt] of chosen) breakIt(form)
        const paths = reported(form)
        for (const [pointer] of chosen) {
          expect(paths.some((path) => path === pointer || path.startsWith(`${pointer}/`))).toBe(true)
        }
      }),
      { numRuns: 200 },
    )
  })
})
