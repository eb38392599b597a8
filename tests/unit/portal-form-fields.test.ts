import { Effect, Either, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { decodeForm, nestedValues } from "../../apps/portal/shell/form-fields.js"
import { Contractor } from "../../domain/accounts/profile.js"

// A form's flat fields become the nested value the use cases' schemas decode.

const Section = Schema.Struct({ contractor: Contractor })
const names = [
  "contractor.companyName",
  "contractor.postalCode",
  "contractor.prefecture",
  "contractor.address1",
]
const refusedFields = (value: unknown) =>
  Effect.runSync(Effect.either(decodeForm(Section, value))).pipe(
    Either.match({ onLeft: (errors) => errors.map((e) => [e.field, e.reason]), onRight: () => [] }),
  )

describe("form fields", () => {
  it("refuses a required section left blank field by field, once it is named as a group", () => {
    const blank = Object.fromEntries(names.map((name) => [name, ""]))
    expect(refusedFields(nestedValues(blank, names))).toEqual([["/contractor", "is missing"]])
    expect(refusedFields(nestedValues(blank, names, ["contractor"]))).toEqual([
      ["/contractor/companyName", "is missing"],
      ["/contractor/postalCode", "is missing"],
      ["/contractor/prefecture", "is missing"],
      ["/contractor/address1", "is missing"],
    ])
  })

  it("leaves an optional group out when all of it is empty", () => {
    const form = { "user.fax.areaCode": "", "user.fax.number": "", "user.email": "a@example.jp" }
    expect(nestedValues(form, Object.keys(form), ["user"])).toEqual({ user: { email: "a@example.jp" } })
  })
})
