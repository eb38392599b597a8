import { describe, expect, it } from "vitest"
import { productAdded, registrationComplete } from "../../application/notifications/license-emails.js"
import { formatCalendarDate } from "../../application/notifications/mail-dates.js"
import {
  brand,
  expectBoth,
  expectFacts,
  expectSafeHtml,
  facts,
  hostile,
} from "../support/mail-expectations.js"

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
