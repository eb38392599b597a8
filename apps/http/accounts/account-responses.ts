import { Schema } from "effect"
import { AccountRegistered } from "../../../domain/accounts/account-events.js"
import { Id } from "../shell/wire.js"

export const Registered = Schema.Struct({
  accountId: Id,
  loginId: Schema.String.annotations({ description: "The login ID, as chosen" }),
}).annotations({ identifier: "Registered" })

export const registeredExample: typeof Registered.Type = {
  accountId: "019a2b3c-4d5e-7f60-8a9b-0c1d2e3f4a5b",
  loginId: "ecss_sample",
}

// What the account records, less what its owner never sees (the password hash) and the event's own fields.
const { _tag: _event, at: _at, passwordHash: _hidden, ...viewFields } = AccountRegistered.fields

export const AccountView = Schema.Struct({
  ...viewFields,
  timeZone: Schema.String.annotations({ description: "An IANA time zone such as Asia/Tokyo" }),
}).annotations({
  identifier: "Account",
  description: "The account as its owner sees it: login ID, user, contractor, support contact",
})

export const accountViewExample: typeof AccountView.Encoded = {
  accountId: "019a2b3c-4d5e-7f60-8a9b-0c1d2e3f4a5b",
  loginId: "ecss_sample",
  user: {
    email: "user@example.co.jp",
    contactName: "山田 太郎",
    contactNameKana: "ヤマダ タロウ",
    department: "情報システム部",
    phone: { areaCode: "03", number: "12345678" },
  },
  contractor: {
    companyName: "サンプル株式会社",
    companyNameKana: "サンプルカブシキガイシャ",
    postalCode: "160-0022",
    prefecture: "東京都",
    address1: "新宿区新宿4-1-6",
  },
  purchaseSource: { companyName: "販売店株式会社" },
  supportContact: {
    companyName: "サンプル株式会社",
    companyNameKana: "サンプルカブシキガイシャ",
    postalCode: "160-0022",
    prefecture: "東京都",
    address1: "新宿区新宿4-1-6",
    email: "support@example.co.jp",
    contactName: "山田 太郎",
    phone: { areaCode: "03", number: "12345678" },
  },
  emergencyContactEmail: "emergency@example.co.jp",
  language: "ja",
  timeZone: "Asia/Tokyo",
}
