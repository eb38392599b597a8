import type { RegistrationRequest } from "../../../application/accounts/registration.js"

/** A registration as the form sends it: the support contact left out, so the contractor's serves. */
export const registrationExample: typeof RegistrationRequest.Encoded = {
  licenseKey: "RK-7QX4-MZ3P-9KTW-HV2D",
  acceptEula: true,
  loginId: "ecss_sample",
  password: "Kagi2Mori#Tsuki",
  passwordConfirmation: "Kagi2Mori#Tsuki",
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
  emergencyContactEmail: "emergency@example.co.jp",
  language: "ja",
  timeZone: "Asia/Tokyo",
}
