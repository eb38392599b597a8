// Manual 004's mails of the move to Vision One say what happened, in the account's language and
// zone, and lead to the product-instance list; the temporary problem is the manual's own sentence.
import { describe, expect, it } from "vitest"
import {
  provisioningReady,
  updateFailedForNow,
  updateFinished,
} from "../../application/notifications/instance-emails.js"
import { brand } from "../support/mail-expectations.js"

const instance = {
  instanceName: "Trend Micro Apex One as a Service",
  instancesUrl: "https://x.test/instances",
}

describe("instance mails", () => {
  it("the console is provisioned: what to do next, and the way to the instance list", () => {
    const ja = provisioningReady("ja", brand, instance)
    expect(ja.subject).toBe("【Portcullis】Trend Vision One コンソールのプロビジョニングが完了しました")
    expect(ja.text).toContain("[既存製品の追加]")
    expect(ja.text).toContain("https://x.test/instances")
    expect(provisioningReady("en", brand, instance).text).toContain('"Add existing product"')
  })

  it("the update has finished: the new product, and the console users' upgrade only when there are users", () => {
    const withUsers = updateFinished("ja", brand, {
      ...instance,
      productName: "Standard Endpoint Protection",
      consoleUsers: 2,
    })
    expect(withUsers.text).toContain("「Standard Endpoint Protection」として接続済み")
    expect(withUsers.text).toContain("コンソールのユーザアカウント（2 件）")
    const none = updateFinished("en", brand, {
      ...instance,
      productName: "Standard Endpoint Protection",
      consoleUsers: 0,
    })
    expect(none.text).toContain("connected as Standard Endpoint Protection")
    expect(none.text).not.toContain("Console user accounts")
  })

  it("the update could not start: the manual's sentence, nothing begun, and when to try again in the account's zone", () => {
    const facts = { ...instance, retryAt: "2026-12-01T15:30:00.000Z", timeZone: "Asia/Tokyo" }
    const ja = updateFailedForNow("ja", brand, facts)
    expect(ja.text).toContain(
      "一時的な問題が発生しました。サポートエンジニアがこの問題の解決に取り組んでいます。しばらくしてからもう一度お試しください。",
    )
    expect(ja.text).toContain("2026年12月2日 00:30 (Asia/Tokyo)")
    const en = updateFailedForNow("en", brand, facts)
    expect(en.text).toContain("The update has not started")
    expect(en.text).toContain("2 December 2026, 00:30 (Asia/Tokyo)")
  })
})
