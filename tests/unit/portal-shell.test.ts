import { describe, expect, it } from "vitest"
import { reasonText } from "../../apps/portal/shell/field-reasons.js"
import { fieldProblems, formNameOf, nestedValues } from "../../apps/portal/shell/form-fields.js"
import { localPath } from "../../apps/portal/shell/mount-page.js"
import { shellTexts } from "../../apps/portal/shell/texts.js"

describe("where the portal may send a browser back to", () => {
  it("keeps paths of this site", () => {
    expect(localPath("/products", "/")).toBe("/products")
    expect(localPath("/login?next=%2Fcompany", "/")).toBe("/login?next=%2Fcompany")
  })
  it.each([
    "//evil.example/",
    "/\\evil.example",
    "https://evil.example/",
    "/\t/evil.example",
    "/\n/evil.example",
    "products",
    "",
  ])("refuses %j", (candidate) => {
    expect(localPath(candidate, "/fallback")).toBe("/fallback")
  })
  it("falls back when there is nothing to go back to", () => {
    expect(localPath(undefined, "/products")).toBe("/products")
  })
})

describe("forms into the use cases' values", () => {
  it("nests dotted names and leaves out empty texts (the optional fields left blank)", () => {
    const form = {
      "contractor.companyName": "サンプル株式会社",
      "contractor.branchName": " ",
      "user.phone.areaCode": "03",
    }
    expect(
      nestedValues(form, [
        "contractor.companyName",
        "contractor.branchName",
        "user.phone.areaCode",
        "absent",
      ]),
    ).toEqual({ contractor: { companyName: "サンプル株式会社" }, user: { phone: { areaCode: "03" } } })
  })
  it("finds a refused field's input from its JSON pointer", () => {
    expect(formNameOf("/contractor/companyName")).toBe("contractor.companyName")
  })
  it("says each refusal in the user's language, with the field's label", () => {
    const errors = [
      { field: "/contractor/companyName", reason: "is required" },
      { field: "/user/phone", reason: "area code and number together must be 10 or 11 digits" },
    ]
    const labels = { "contractor.companyName": "会社名", "user.phone.areaCode": "電話番号" }
    expect(fieldProblems("ja", errors, labels, { "user.phone": "user.phone.areaCode" })).toEqual([
      { name: "contractor.companyName", message: "会社名: 入力してください。" },
      {
        name: "user.phone.areaCode",
        message: "電話番号: 市外局番と番号をあわせて10桁または11桁で入力してください。",
      },
    ])
  })
  it("says once what two reasons of one field say alike", () => {
    const errors = [
      { field: "/newPassword", reason: "must be 8 to 25 characters" },
      { field: "/newPassword", reason: "must contain digits, upper-case and lower-case letters" },
      { field: "/newPassword", reason: "is too common: choose one that others are unlikely to use" },
    ]
    const messages = fieldProblems("ja", errors, { newPassword: "新しいパスワード" }).map((p) => p.message)
    expect(messages).toEqual([
      "新しいパスワード: 数字、大文字、小文字を使用した8文字以上25文字以下のパスワードを設定してください。",
      "新しいパスワード: よく使われているパスワードは使用できません。推測されにくいパスワードを設定してください。",
    ])
  })
  it("names a group's refusal by the group, though it is shown at the group's first input", () => {
    const errors = [{ field: "/user/phone", reason: "area code and number together must be 10 or 11 digits" }]
    const labels = { "user.phone": "電話番号", "user.phone.areaCode": "電話番号（市外局番）" }
    expect(fieldProblems("ja", errors, labels, { "user.phone": "user.phone.areaCode" })).toEqual([
      {
        name: "user.phone.areaCode",
        message: "電話番号: 市外局番と番号をあわせて10桁または11桁で入力してください。",
      },
    ])
  })
})

describe("the reasons of refused fields in Japanese", () => {
  it.each([
    ["is required", "入力してください。"],
    ["is missing", "入力してください。"],
    ["must be at most 100 characters", "100文字以内で入力してください。"],
    ["must be a valid e-mail address", "有効なメールアドレスを入力してください。"],
    ["must be 6 digits", "6桁の数字で入力してください。"],
    ["does not match the password", "パスワードと確認入力が一致しません。"],
  ])("%s", (reason, japanese) => {
    expect(reasonText("ja", reason)).toBe(japanese)
  })
  it("shows an unknown reason as it is rather than hiding it", () => {
    expect(reasonText("ja", "must be something new")).toBe("Must be something new.")
  })
  it("reads an English reason after the field's name", () => {
    expect(reasonText("en", "is required", "Company name")).toBe("Company name is required.")
    // A blank input is a key left out, which the schema calls missing.
    expect(reasonText("en", "is missing", "Company name")).toBe("Company name is required.")
    expect(reasonText("en", "must be a valid e-mail address")).toBe("Must be a valid e-mail address.")
  })
})

describe("how long to wait, as the portal says it", () => {
  it("in seconds for a short wait, in minutes from two minutes on", () => {
    expect(shellTexts.ja.rateLimited(42)).toBe("試行回数が上限に達しました。42秒後にもう一度お試しください。")
    expect(shellTexts.ja.rateLimited(900)).toBe(
      "試行回数が上限に達しました。15分後にもう一度お試しください。",
    )
    expect(shellTexts.en.rateLimited(121)).toBe("Too many attempts. Please try again in 3 minutes.")
  })
})
