import { describe, expect, it } from "vitest"
import {
  accountInformationChanged,
  emailAddressChanged,
  maskEmail,
  passwordChanged,
  passwordResetLink,
} from "../../application/notifications/account-emails.js"
import { formatInstant } from "../../application/notifications/mail-dates.js"
import type { MailLanguage } from "../../application/notifications/mail-kit.js"

import { brand, change, expectBoth, expectFacts, expectSafeHtml } from "../support/mail-expectations.js"

describe("accountInformationChanged", () => {
  const parts = [
    ["user", "ユーザ登録情報", "user registration details"],
    ["contractor", "ご契約者情報", "contractor details"],
    ["supportContact", "サポート窓口情報", "support contact details"],
  ] as const

  for (const [part, ja, en] of parts) {
    it(`names the ${part} part and the time, in both languages`, () => {
      const jaMail = accountInformationChanged("ja", brand, { ...change, part })
      expect(jaMail.subject).toBe("【Portcullis】アカウント情報が変更されました")
      expectBoth(jaMail, `お客様のPortcullisアカウントの${ja}が変更されました。`, brand.supportUrl)
      expectFacts(jaMail, ["変更日時", "2026年4月1日 00:30 (Asia/Tokyo)"])
      expectSafeHtml(jaMail)

      const enMail = accountInformationChanged("en", brand, { ...change, part })
      expect(enMail.subject).toBe("[Portcullis] Your account information has been changed")
      expectFacts(enMail, ["Changed at", "1 April 2026, 00:30 (Asia/Tokyo)"])
      expectBoth(
        enMail,
        `The ${en} of your Portcullis account have been changed.`,
        "If you did not make this change, please contact support:",
        brand.supportUrl,
      )
    })
  }
})

describe("passwordResetLink", () => {
  const reset = {
    loginId: "ecss_sample",
    link: "https://portal.example.com/reset?token=abc123&lang=ja",
    validMinutes: 30,
  }

  it("in Japanese carries the login ID, the link (text and href), its validity and the ignore line", () => {
    const mail = passwordResetLink("ja", brand, reset)
    expect(mail.subject).toBe("【Portcullis】パスワードのリセット")
    expectFacts(mail, ["ログインID", "ecss_sample"])
    expectBoth(
      mail,
      reset.link,
      "このリンクの有効期限は30分間です。リンクは1回のみ使用できます。",
      "このリクエストにお心当たりがない場合は、このメールを破棄してください。パスワードは変更されません。",
    )
    expect(mail.text).toContain(`\n${reset.link}\n`)
    expect(mail.html).toContain(`href="https://portal.example.com/reset?token=abc123&amp;lang=ja"`)
    expectSafeHtml(mail)
  })

  it("in English", () => {
    const mail = passwordResetLink("en", brand, reset)
    expect(mail.subject).toBe("[Portcullis] Reset your password")
    expectFacts(mail, ["Login ID", "ecss_sample"])
    expectBoth(
      mail,
      reset.link,
      "The link is valid for 30 minutes and can be used only once.",
      "If you did not ask for this, ignore this e-mail; your password stays unchanged.",
    )
    expect(passwordResetLink("en", brand, { ...reset, validMinutes: 1 }).text).toContain(
      "valid for 1 minute and",
    )
  })

  it("never makes a non-web link clickable", () => {
    const mail = passwordResetLink("en", brand, { ...reset, link: "javascript:alert(1)" })
    expect(mail.html).not.toContain('href="javascript:')
    expect(mail.text).toContain("javascript:alert(1)")
  })
})

describe("passwordChanged", () => {
  it("is the manual's body with the brand in place of the vendor", () => {
    const mail = passwordChanged("ja", brand, change)
    expect(mail.subject).toBe("【Portcullis】パスワードが変更されました")
    expectFacts(mail, ["変更日時", "2026年4月1日 00:30 (Asia/Tokyo)"])
    const manualLines = [
      "お客様へ",
      "お客様のパスワードが変更されました。",
      "ご質問がある場合は、次のWebサイトを参照してください：",
      brand.supportUrl,
      "Portcullis",
      "© 2026 Portcullis. All rights reserved.",
      "このメッセージはPortcullisの登録サービスから自動的に送信されています。このメッセージには返信しないでください。",
    ]
    const lines = mail.text.split("\n")
    const positions = manualLines.map((line) => lines.indexOf(line))
    expect(positions.every((p) => p >= 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    expectBoth(
      mail,
      ...manualLines,
      "この変更にお心当たりがない場合は、ただちに次のポータルでパスワードをリセットし、サポートにお問い合わせください：",
    )
    expectSafeHtml(mail)
  })

  it("in English", () => {
    const mail = passwordChanged("en", brand, change)
    expect(mail.subject).toBe("[Portcullis] Your password has been changed")
    expectFacts(mail, ["Changed at", "1 April 2026, 00:30 (Asia/Tokyo)"])
    expectBoth(
      mail,
      "Dear customer,",
      "If you did not make this change, reset your password on the portal at once and contact support:",
      brand.portalUrl,
      brand.supportUrl,
    )
  })
})

describe("emailAddressChanged", () => {
  const addresses = { oldAddress: "chihiro@old.example.jp", newAddress: "chihiro@trendmicro.co.jp" }
  const languages: ReadonlyArray<[MailLanguage, string]> = [
    ["ja", "【Portcullis】メールアドレス変更のお知らせ"],
    ["en", "[Portcullis] Your e-mail address was changed"],
  ]

  for (const [language, subject] of languages) {
    it(`tells the old address (${language}) only the masked new one`, () => {
      const mail = emailAddressChanged(language, brand, { ...change, ...addresses, recipient: "old" })
      expect(mail.subject).toBe(subject)
      expectBoth(mail, "chi*****@trendmicro.co.jp", brand.supportUrl)
      expectFacts(
        mail,
        language === "ja"
          ? ["変更日時", "2026年4月1日 00:30 (Asia/Tokyo)"]
          : ["Changed at", "1 April 2026, 00:30 (Asia/Tokyo)"],
      )
      expect(mail.text).not.toContain(addresses.newAddress)
      expect(mail.html).not.toContain(addresses.newAddress)
      expectSafeHtml(mail)
    })

    it(`tells the new address (${language}) that it is now the account's`, () => {
      const mail = emailAddressChanged(language, brand, { ...change, ...addresses, recipient: "new" })
      expect(mail.subject).toBe(subject)
      expectBoth(mail, addresses.newAddress, brand.supportUrl)
      expect(mail.text).not.toContain(addresses.oldAddress)
    })
  }

  it("words both notices", () => {
    const old = emailAddressChanged("ja", brand, { ...change, ...addresses, recipient: "old" })
    expect(old.text).toContain(
      "お客様のPortcullisアカウントのメールアドレスが chi*****@trendmicro.co.jp に変更されました。",
    )
    const fresh = emailAddressChanged("en", brand, { ...change, ...addresses, recipient: "new" })
    expect(fresh.text).toContain(
      "This address (chihiro@trendmicro.co.jp) is now the e-mail address of your Portcullis account.",
    )
  })
})

describe("maskEmail", () => {
  it("keeps three characters of the local part, five stars and the whole domain", () => {
    expect(maskEmail("chihiro@trendmicro.co.jp")).toBe("chi*****@trendmicro.co.jp")
    expect(maskEmail("abc@example.com")).toBe("abc*****@example.com")
  })

  it("keeps fewer characters of a shorter local part, still with five stars", () => {
    expect(maskEmail("ab@example.com")).toBe("ab*****@example.com")
    expect(maskEmail("a@example.com")).toBe("a*****@example.com")
  })

  it("counts characters, not UTF-16 units, and splits at the last @", () => {
    expect(maskEmail("𠮷野家太郎@example.jp")).toBe("𠮷野家*****@example.jp")
    expect(maskEmail('"a@b"@example.com')).toBe('"a@*****@example.com')
  })
})

describe("formatInstant", () => {
  it("formats the instant in the given time zone", () => {
    expect(formatInstant("ja", "2026-03-31T15:30:00Z", "Asia/Tokyo")).toBe("2026年4月1日 00:30 (Asia/Tokyo)")
    expect(formatInstant("en", "2026-03-31T15:30:00Z", "Asia/Tokyo")).toBe("1 April 2026, 00:30 (Asia/Tokyo)")
    expect(formatInstant("en", "2026-03-31T15:30:00Z", "Europe/London")).toBe(
      "31 March 2026, 16:30 (Europe/London)",
    )
    expect(formatInstant("ja", "2026-01-01T00:05:00Z", "America/New_York")).toBe(
      "2025年12月31日 19:05 (America/New_York)",
    )
  })
})
