import { describe, expect, it } from "vitest"
import {
  accountInformationChanged,
  emailAddressChanged,
  maskEmail,
  passwordChanged,
  passwordResetLink,
} from "../../application/notifications/account-emails.js"
import {
  type LicenseMailFacts,
  productAdded,
  registrationComplete,
} from "../../application/notifications/license-emails.js"
import { formatCalendarDate, formatInstant } from "../../application/notifications/mail-dates.js"
import type { Brand, MailLanguage, RenderedMail } from "../../application/notifications/mail-kit.js"
import { escapeHtml } from "../../application/notifications/mail-layout.js"

const brand: Brand = {
  name: "Portcullis",
  supportUrl: "https://support.example.com/portcullis",
  portalUrl: "https://portal.example.com/",
}

const facts: LicenseMailFacts = {
  loginId: "ecss_sample",
  companyName: "株式会社サンプル",
  license: {
    productName: "Trend Micro Cloud App Security",
    packageName: "Cloud App Security ATP and DLP",
    seats: 1200,
    licenseType: "full",
    expiresOn: "2027-03-31",
    maskedKey: "XX-XXXX-****-****-1234",
  },
}

const hostile = "<script>alert(1)</script>"
const change = { changedAt: "2026-03-31T15:30:00Z", timeZone: "Asia/Tokyo" }

/** The fact must be in the text as written and in the HTML escaped. */
const expectBoth = (mail: RenderedMail, ...facts: ReadonlyArray<string>) => {
  for (const fact of facts) {
    expect(mail.text).toContain(fact)
    expect(mail.html).toContain(escapeHtml(fact))
  }
}

/** A labelled fact: one "label: value" line in the text, a <dt>/<dd> pair in the HTML. */
const expectFacts = (mail: RenderedMail, ...facts: ReadonlyArray<readonly [string, string]>) => {
  for (const [label, value] of facts) {
    expect(mail.text).toContain(`\n${label}: ${value}\n`)
    expect(mail.html).toMatch(
      new RegExp(
        `>${escapeRegExp(escapeHtml(label))}:</dt> <dd[^>]*>${escapeRegExp(escapeHtml(value))}</dd>`,
      ),
    )
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

const expectSafeHtml = (mail: RenderedMail) => {
  expect(mail.html).not.toContain("<script")
  expect(mail.html).not.toContain("<table")
  expect(mail.subject).not.toMatch(/[\r\n]/)
}

describe("licence e-mails", () => {
  const cases = [
    {
      render: registrationComplete,
      ja: "【Portcullis】Trend Micro Cloud App Security 製品登録完了のお知らせ",
      en: "[Portcullis] Trend Micro Cloud App Security registration complete",
      jaNews: "アカウントが作成され、Trend Micro Cloud App Securityのライセンスが追加されました。",
      enNews:
        "Your account has been created and the licence for Trend Micro Cloud App Security has been added.",
    },
    {
      render: productAdded,
      ja: "【Portcullis】Trend Micro Cloud App Security 製品追加のお知らせ",
      en: "[Portcullis] Trend Micro Cloud App Security added to your account",
      jaNews: "お客様のアカウントにTrend Micro Cloud App Securityのライセンスが追加されました。",
      enNews: "A licence for Trend Micro Cloud App Security has been added to your account.",
    },
  ]

  for (const c of cases) {
    describe(c.render.name, () => {
      it("in Japanese carries the product, package, seats, type, expiry, key, login ID and portal", () => {
        const mail = c.render("ja", brand, facts)
        expect(mail.subject).toBe(c.ja)
        expect(mail.html).toContain('<html lang="ja">')
        expect(mail.text.startsWith("お客様へ\n")).toBe(true)
        expectFacts(
          mail,
          ["会社名", "株式会社サンプル"],
          ["ログインID", "ecss_sample"],
          ["製品/サービス", "Trend Micro Cloud App Security"],
          ["パッケージ", "Cloud App Security ATP and DLP"],
          ["シート", "1,200"],
          ["ライセンス種別", "製品版"],
          ["有効期限", "2027年3月31日"],
          ["製品キー", "XX-XXXX-****-****-1234"],
        )
        expectBoth(
          mail,
          c.jaNews,
          brand.portalUrl,
          brand.supportUrl,
          "このメッセージは自動的に送信されています。このメッセージには返信しないでください。",
        )
        expect(mail.html).toContain(`<a href="${brand.portalUrl}"`)
        expectSafeHtml(mail)
      })

      it("in English, with a trial licence", () => {
        const mail = c.render("en", brand, { ...facts, license: { ...facts.license, licenseType: "trial" } })
        expect(mail.subject).toBe(c.en)
        expect(mail.html).toContain('<html lang="en">')
        expectFacts(
          mail,
          ["Login ID", "ecss_sample"],
          ["Product/service", "Trend Micro Cloud App Security"],
          ["Seats", "1,200"],
          ["Licence type", "Trial"],
          ["Expiry date", "31 March 2027"],
          ["Product key", "XX-XXXX-****-****-1234"],
        )
        expectBoth(mail, c.enNews, brand.portalUrl)
        expect(mail.text).not.toMatch(/[ぁ-ん]/)
      })

      it("escapes hostile values in the HTML and keeps them on one line in the subject", () => {
        const mail = c.render("ja", brand, {
          loginId: `a"b&c`,
          companyName: hostile,
          license: {
            ...facts.license,
            productName: `Evil\r\nBcc: x@example.com <img src=x onerror=alert(1)>`,
          },
        })
        expectSafeHtml(mail)
        expect(mail.html).not.toContain("<img")
        expect(mail.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;")
        expect(mail.html).toContain("a&quot;b&amp;c")
        expect(mail.text).toContain(`会社名: ${hostile}`)
        expect(mail.subject).toContain("Evil Bcc: x@example.com")
      })
    })
  }

  it("prints the expiry from the calendar date, never shifting it across a time zone", () => {
    expect(formatCalendarDate("ja", "2027-01-01")).toBe("2027年1月1日")
    expect(formatCalendarDate("en", "2027-12-31")).toBe("31 December 2027")
    expect(formatCalendarDate("en", "not a date")).toBe("not a date")
  })
})

describe("accountInformationChanged", () => {
  const parts = [
    ["user", "ユーザ登録情報", "user registration details"],
    ["contractor", "ご契約者情報", "contractor details"],
    ["supportContact", "サポート窓口情報", "support contact details"],
  ] as const

  for (const [part, ja, en] of parts) {
    it(`names the ${part} part and the time, in both languages`, () => {
      const jaMail = accountInformationChanged("ja", brand, { ...change, part })
      expect(jaMail.subject).toBe("お客様のPortcullisアカウント情報が変更されました")
      expectBoth(jaMail, `お客様のPortcullisアカウントの${ja}が変更されました。`, brand.supportUrl)
      expectFacts(jaMail, ["変更日時", "2026年4月1日 00:30 (Asia/Tokyo)"])
      expectSafeHtml(jaMail)

      const enMail = accountInformationChanged("en", brand, { ...change, part })
      expect(enMail.subject).toBe("Your Portcullis account information has been changed")
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
    expect(mail.subject).toBe("お客様のパスワードが変更されました。")
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
    expect(mail.subject).toBe("Your password has been changed.")
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
