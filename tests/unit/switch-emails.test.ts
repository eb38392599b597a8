import { describe, expect, it } from "vitest"
import { switchCompleted } from "../../application/notifications/switch-emails.js"

const brand = {
  name: "Portcullis",
  supportUrl: "https://portcullis.test/support",
  portalUrl: "https://portcullis.test",
}
const facts = {
  productName: "パスワードマネージャー",
  successorName: "ID プロテクション",
  expiresOn: "2026-03-31",
  resultUrl: "https://portcullis.test/switch",
  otherLicences: [],
}

describe("the switch mail", () => {
  it("has the manual's subject, the last day, and the way to the result, in Japanese and English", () => {
    const ja = switchCompleted("ja", brand, facts)
    expect(ja.subject).toBe("【Portcullis】ID プロテクションへの切り替えが完了しました")
    expect(ja.text).toContain(
      "パスワードマネージャーのライセンスをID プロテクションのライセンスに切り替えました。",
    )
    expect(ja.text).toContain("2026年3月31日")
    expect(ja.text).toContain("https://portcullis.test/switch")
    expect(ja.html).toContain("今すぐログインする")
    expect(ja.text).not.toContain("解約")
    const en = switchCompleted("en", brand, {
      ...facts,
      productName: "Password Manager",
      successorName: "ID Protection",
    })
    expect(en.subject).toBe("[Portcullis] Your licence has been switched to ID Protection")
    expect(en.text).toContain("31 March 2026")
    expect(en.html).toContain("Sign in now")
  })

  it("says how to cancel a second licence by the way it is paid for, once per channel, and nothing for free", () => {
    const advice = (
      channels: ReadonlyArray<"direct" | "monthly-provider" | "app-store" | "google-play" | "free">,
    ) => switchCompleted("ja", brand, { ...facts, otherLicences: channels }).text
    expect(advice(["monthly-provider"])).toContain("ご利用のサービス提供事業者にお問い合わせください")
    expect(advice(["app-store"])).toContain("App Store のサブスクリプション設定から解約してください")
    expect(advice(["google-play"])).toContain("Google Play の定期購入の設定から解約してください")
    expect(advice(["direct"])).toContain("自動更新を停止してください")
    const twice = advice(["google-play", "google-play", "direct"])
    expect(twice.split("Google Play の定期購入").length - 1).toBe(1)
    expect(twice).toContain("ID プロテクションのライセンスが複数あります")
    expect(advice(["free"])).not.toContain("複数あります")
    expect(
      switchCompleted("en", brand, { ...facts, successorName: "ID Protection", otherLicences: ["app-store"] })
        .text,
    ).toContain("cancel the subscription in your App Store settings")
  })
})
