import { describe, expect, it } from "vitest"
import { type VaultNotice, vaultNotice } from "../../application/notifications/vault-emails.js"

const brand = {
  name: "Portcullis",
  supportUrl: "https://portcullis.test/support",
  portalUrl: "https://portcullis.test",
}
const change = { changedAt: "2026-11-21T15:30:00Z", timeZone: "Asia/Tokyo" }
const notices: ReadonlyArray<VaultNotice> = [
  "activated",
  "keyRotated",
  "reset",
  "resetBySupport",
  "deviceUnlocked",
]

describe("vault e-mails", () => {
  it("has the design's Japanese subjects, in the one subject style", () => {
    expect(notices.map((notice) => vaultNotice("ja", brand, notice, change).subject)).toEqual([
      "【Portcullis】保管庫が有効になりました",
      "【Portcullis】クライアントキーが変更されました",
      "【Portcullis】保管庫がリセットされました",
      "【Portcullis】保管庫がリセットされました",
      "【Portcullis】新しいデバイスで保管庫のロックが解除されました",
    ])
  })

  it("tells who reset the vault, when in the account's zone, and on which device", () => {
    const bySupport = vaultNotice("en", brand, "resetBySupport", change)
    expect(bySupport.subject).toBe("[Portcullis] Your vault has been reset")
    expect(bySupport.text).toContain("support has reset your vault")
    expect(vaultNotice("en", brand, "reset", change).text).toContain("You reset your vault")
    const unlocked = vaultNotice("ja", brand, "deviceUnlocked", {
      ...change,
      deviceName: "Hanako's <b>phone</b>",
    })
    expect(unlocked.text).toMatch(/2026年11月22日/)
    expect(unlocked.text).toContain("デバイス: Hanako's <b>phone</b>")
    // The name the client gave is text, never markup.
    expect(unlocked.html).not.toContain("<b>phone</b>")
    expect(unlocked.html).toContain("&lt;b&gt;phone&lt;/b&gt;")
  })

  it("names no device where none did it, and links support in both languages", () => {
    for (const language of ["ja", "en"] as const) {
      for (const notice of notices) {
        const mail = vaultNotice(language, brand, notice, change)
        expect(mail.text).toContain(brand.supportUrl)
        expect(mail.text).not.toMatch(/デバイス:|Device:/)
      }
    }
  })
})
