import { describe, expect, it } from "vitest"
import { type SwitchCompletedFacts, switchCompletedMail } from "../../application/switching/switch-mail.js"
import type { SalesChannel } from "../../domain/licensing/license-events.js"
import { brand, expectBoth, expectFacts, expectSafeHtml, hostile } from "../support/mail-expectations.js"

// Manual 000's 「ID プロテクションへの切り替えが完了しました」 and its English version: the link to
// sign in, the licence's last day, the import, and the advice on an account's other licence by how
// it was bought.

const names = {
  ja: { productName: "パスワードマネージャー", successorName: "ID プロテクション" },
  en: { productName: "Password Manager", successorName: "ID Protection" },
} as const
const signInUrl = "https://portal.example.com/switch-result"
const factsIn = (
  language: "ja" | "en",
  change: Partial<SwitchCompletedFacts> = {},
): SwitchCompletedFacts => ({
  ...names[language],
  expiresOn: "2026-03-31",
  signInUrl,
  otherLicences: [],
  ...change,
})

describe("the switch-completed mail", () => {
  it("has the manual's subject in Japanese and its English version", () => {
    expect(switchCompletedMail("ja", brand, factsIn("ja")).subject).toBe(
      "【Portcullis】ID プロテクションへの切り替えが完了しました",
    )
    expect(switchCompletedMail("en", brand, factsIn("en")).subject).toBe(
      "[Portcullis] Your switch to ID Protection is complete",
    )
  })

  it("says it is ready to use, links to sign in with a button, and gives the licence's last day and the import", () => {
    const ja = switchCompletedMail("ja", brand, factsIn("ja"))
    expectBoth(ja, "ID プロテクションを利用する準備ができました。", signInUrl)
    // The manual's [今すぐログインする] is the HTML's button; the text prints the link itself.
    expect(ja.html).toMatch(new RegExp(`<a [^>]*href="${signInUrl}"[^>]*>今すぐログインする</a>`))
    expectFacts(
      ja,
      ["製品/サービス", "ID プロテクション"],
      ["切り替え前の製品", "パスワードマネージャー"],
      ["有効期限", "2026年3月31日"],
    )
    expectBoth(ja, "ID プロテクションの保管庫にインポートできます。")
    const en = switchCompletedMail("en", brand, factsIn("en", { timeZone: "Europe/Paris" }))
    expectBoth(en, "You are ready to use ID Protection.", signInUrl, "imported into the ID Protection vault")
    expectFacts(en, ["Expiry date", "31 March 2026 (Europe/Paris)"], ["Switched from", "Password Manager"])
    expect(en.html).toMatch(new RegExp(`<a [^>]*href="${signInUrl}"[^>]*>Sign in now</a>`))
    for (const mail of [ja, en]) {
      expectSafeHtml(mail)
      expect(mail.text).toContain(brand.supportUrl)
      // No other licence, no advice on cancelling one.
      expect(mail.text).not.toMatch(/複数|more than one/)
    }
  })

  const advice: ReadonlyArray<readonly [SalesChannel, string, string]> = [
    [
      "monthly-provider",
      "ご利用のサービス提供事業者へお問い合わせください。",
      "please contact that provider",
    ],
    [
      "app-store",
      "App Store のサブスクリプション設定から解約してください。",
      "cancel the subscription in the App Store",
    ],
    [
      "google-play",
      "Google Play ストアの定期購入の設定から解約してください。",
      "cancel the subscription in the Google Play Store",
    ],
    ["direct", "Web ポータルで自動更新を停止してください。", "Stop its automatic renewal in the web portal."],
    ["free", "無料版のため、解約の手続きは必要ありません。", "there is nothing to cancel"],
    ["reseller", "ご購入の販売店へお問い合わせください。", "please contact the reseller"],
  ]

  it.each(advice)(
    "tells an account that held a %s licence how to cancel the one it does not need",
    (channel, ja, en) => {
      const other = { channel, expiresOn: "2025-12-31" }
      const jaMail = switchCompletedMail("ja", brand, factsIn("ja", { otherLicences: [other] }))
      expectBoth(
        jaMail,
        "ID プロテクションのライセンスが複数あります。",
        `有効期限 2025年12月31日 のライセンス: `,
        ja,
      )
      const enMail = switchCompletedMail("en", brand, factsIn("en", { otherLicences: [other] }))
      expectBoth(
        enMail,
        "more than one ID Protection licence",
        "The licence valid until 31 December 2025: ",
        en,
      )
      // Only this channel's advice.
      for (const [otherChannel, otherJa, otherEn] of advice) {
        if (otherChannel === channel) continue
        expect(jaMail.text).not.toContain(otherJa)
        expect(enMail.text).not.toContain(otherEn)
      }
    },
  )

  it("lists each other licence with its own advice", () => {
    const mail = switchCompletedMail(
      "en",
      brand,
      factsIn("en", {
        timeZone: "Asia/Tokyo",
        otherLicences: [
          { channel: "app-store", expiresOn: "2025-09-30" },
          { channel: "monthly-provider", expiresOn: "2025-10-31" },
        ],
      }),
    )
    expect(mail.text).toContain(
      "The licence valid until 30 September 2025 (Asia/Tokyo): It is an App Store in-app purchase",
    )
    expect(mail.text).toContain("The licence valid until 31 October 2025 (Asia/Tokyo): It is a monthly plan")
  })

  it("prints the names as text, never markup", () => {
    const mail = switchCompletedMail("en", brand, factsIn("en", { successorName: hostile }))
    expectSafeHtml(mail)
    expect(mail.text).toContain(hostile)
  })
})
