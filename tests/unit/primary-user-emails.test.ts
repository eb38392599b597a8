import { describe, expect, it } from "vitest"
import {
  primaryEmailVerificationCode,
  primaryUserAccountReady,
} from "../../application/notifications/primary-user-emails.js"
import { brand, change, expectBoth } from "../support/mail-expectations.js"

describe("the primary user account's mails", () => {
  for (const language of ["ja", "en"] as const) {
    it(`sends the code in the body only, with its validity and the original account (${language})`, () => {
      const mail = primaryEmailVerificationCode(language, brand, {
        code: "482913",
        validMinutes: 15,
        originalAccount: "ecss_sample",
      })
      expectBoth(mail, "482913", "ecss_sample", language === "ja" ? "15分間" : "15 minutes")
      expect(mail.subject).not.toContain("482913")
      expect(mail.subject).toContain(language === "ja" ? "検証コード" : "Verification code")
    })

    it(`says the manual's "Updated password successfully" and the address to sign in with (${language})`, () => {
      const mail = primaryUserAccountReady(language, brand, { ...change, email: "aaa@test.com" })
      expectBoth(mail, "Updated password successfully", "aaa@test.com")
      expect(mail.text).toContain(language === "ja" ? "ログインID" : "login ID")
    })
  }
})
