// A complete, valid registration as the CLP form would send it, for the tests of the accounts feature.
export const sampleUser = {
  email: "taro@example.co.jp",
  contactName: "山田太郎",
  contactNameKana: "ヤマダタロウ",
  department: "情報システム部",
  phone: { areaCode: "03", number: "43307601" },
}

export const sampleContractor = {
  companyName: "サンプル株式会社",
  companyNameKana: "サンプルカブシキガイシャ",
  postalCode: "151-0053",
  prefecture: "東京都" as const,
  address1: "渋谷区代々木2-1-1",
  address2: "新宿マインズタワー",
}

export const sampleSupportContact = { ...sampleContractor, ...sampleUser, email: "support@example.co.jp" }
