import { describe, expect, it } from "vitest"
import {
  emergencyAccessCode,
  maskEmailForTwoFactor,
  twoFactorNotice,
  twoFactorVerificationCode,
} from "../../application/notifications/two-factor-emails.js"

const brand = {
  name: "Portcullis",
  supportUrl: "https://portcullis.test/support",
  portalUrl: "https://portcullis.test",
}

describe("two-factor e-mails", () => {
  it("masks the registered address as the 2FA manual shows it", () => {
    expect(maskEmailForTwoFactor("abcdef@example.co.jp")).toBe("abc*****@***.co.jp")
    expect(maskEmailForTwoFactor("abc.def@example.com")).toBe("abc*****@***.com")
    expect(maskEmailForTwoFactor("ab@localhost")).toBe("ab*****@***")
    expect(maskEmailForTwoFactor("taro@mail.company.co.jp")).toBe("tar*****@***.co.jp")
    expect(maskEmailForTwoFactor("taro@mail.company.com")).toBe("tar*****@***.com")
  })

  it("puts a code in the body only, with how long it is valid, in the account's language", () => {
    for (const language of ["ja", "en"] as const) {
      for (const mail of [
        twoFactorVerificationCode(language, brand, { code: "123456", validMinutes: 10 }),
        emergencyAccessCode(language, brand, { code: "87654321", validMinutes: 10 }),
      ]) {
        expect(mail.subject).not.toMatch(/\d{6}/)
        expect(mail.text).toMatch(/123456|87654321/)
        expect(mail.html).toMatch(/123456|87654321/)
        expect(mail.text).toContain(language === "ja" ? "10分間" : "10 minutes")
      }
    }
  })

  it("tells when the second factor changed, in the account's time zone", () => {
    const change = { changedAt: "2026-11-21T15:30:00Z", timeZone: "Asia/Tokyo" }
    const ja = twoFactorNotice("ja", brand, "emergencyLogin", change)
    expect(ja.subject).toBe("【Portcullis】緊急アクセスコードでログインしました")
    expect(ja.text).toContain("ほかのセッションはすべて終了しました")
    expect(ja.text).toMatch(/2026年11月22日/)
    const en = twoFactorNotice("en", brand, "disabledBySupport", change)
    expect(en.text).toContain("support has turned two-factor authentication off")
  })
})
