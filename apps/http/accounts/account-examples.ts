import type { PersonalRegistrationRequest } from "../../../application/accounts/personal-registration.js"
import type { RegistrationRequest } from "../../../application/accounts/registration.js"
import type { AccountView, Registered } from "./account-responses.js"

// One sample customer, as the registration form sends it and as the account answers it.

const user = {
  email: "user@example.co.jp",
  contactName: "山田 太郎",
  contactNameKana: "ヤマダ タロウ",
  department: "情報システム部",
  phone: { areaCode: "03", number: "12345678" },
}

const contractor = {
  companyName: "サンプル株式会社",
  companyNameKana: "サンプルカブシキガイシャ",
  postalCode: "160-0022",
  prefecture: "東京都" as const,
  address1: "新宿区新宿4-1-6",
}

/** The support contact left out: the contractor's address with the user's details serve as one. */
export const registrationExample: typeof RegistrationRequest.Encoded = {
  licenseKey: "RK-7QX4-MZ3P-9KTW-HV2D",
  acceptEula: true,
  loginId: "ecss_sample",
  password: "Kagi2Mori#Tsuki",
  passwordConfirmation: "Kagi2Mori#Tsuki",
  user,
  contractor,
  purchaseSource: { companyName: "販売店株式会社" },
  emergencyContactEmail: "emergency@example.co.jp",
  language: "ja",
  timeZone: "Asia/Tokyo",
}

export const registeredExample: typeof Registered.Type = {
  accountId: "019a2b3c-4d5e-7f60-8a9b-0c1d2e3f4a5b",
  loginId: "ecss_sample",
}

export const accountViewExample: typeof AccountView.Encoded = {
  kind: "business",
  accountId: "019a2b3c-4d5e-7f60-8a9b-0c1d2e3f4a5b",
  loginId: "ecss_sample",
  user,
  contractor,
  purchaseSource: { companyName: "販売店株式会社" },
  supportContact: { ...contractor, ...user },
  emergencyContactEmail: "emergency@example.co.jp",
  language: "ja",
  timeZone: "Asia/Tokyo",
}

export const personalRegistrationExample: typeof PersonalRegistrationRequest.Encoded = {
  licenseKey: "AC-3FJ8-K2LQ-7WPX-M9RD",
  acceptEula: true,
  email: "hanako@example.jp",
  password: "Kagi2Mori#Tsuki",
  passwordConfirmation: "Kagi2Mori#Tsuki",
  language: "ja",
}

export const personalRegisteredExample: typeof Registered.Type = {
  accountId: "019a2b3c-4d5e-7f60-8a9b-0c1d2e3f4a5c",
  loginId: "hanako@example.jp",
}
