import { defineTexts } from "../shell/texts.js"

// Wording of manual 002: 製品情報を確認 (first registration Step 3, adding a product Step 4), the
// product list (製品/サービス) with its legend, and ライセンスキー (adding a product Step 3).
export const licensingTexts = defineTexts({
  ja: {
    // == the key and what it opens (製品情報を確認)
    confirmTitle: "製品情報を確認",
    rk: "レジストレーションキー",
    ac: "アクティベーションコード",
    package: "パッケージ",
    seats: "シート",
    expiresOn: "有効期限",
    licenseType: "ライセンス種別",
    full: "製品版",
    trial: "体験版",
    accept: "使用許諾契約書に同意します。",
    // The Japanese refusal names the agreement itself (「使用許諾契約書に同意してください。」).
    agreementLabel: "",
    privacyLink: "リンクをクリックして、プライバシーポリシーをご確認ください。",
    newTab: "（新しいタブで開きます）",
    // Manual 000: an unused Password Manager key is used as an ID Protection key from the switch's day.
    switchedFrom: (from: string, to: string) => `この${from}のキーは「${to}」のキーとして登録されます。`,
    // == refusals of a key as typed
    keyMissing: "キーを入力してください。",
    keyLength: "キーの文字数が正しくありません。納品物に記載のキーをご確認ください。",
    keyCharacter: "キーに使用できない文字が含まれています。納品物に記載のキーをご確認ください。",
    keyCheck: "キーに誤りがあります。納品物に記載のキーと1文字ずつ照らし合わせてください。",
    keyUnknown: "入力されたキーは見つかりませんでした。納品物に記載のキーをご確認ください。",
    keyRegistered:
      "このキーはすでに登録されています。登録したログインIDでログインし、製品/サービスの一覧をご確認ください。",
    keyExpired: "このキーは有効期限が切れているため、登録できません。",
    keySuspended: "このキーは現在ご利用いただけません。サポート窓口にお問い合わせください。",
    keyProductEnded:
      "このキーの製品はサービスの提供を終了したため、登録できません。後継製品のキーをご利用ください。",
    // == products/services (the list)
    productsTitle: "製品/サービス",
    enterKey: "+ キーの入力",
    columnProduct: "製品/サービス",
    columnSeats: "シート/ユーザ数",
    columnLicenseType: "ライセンス種別",
    columnExpiresOn: "有効期限",
    columnAction: "アクション",
    openConsole: "コンソールを開く",
    active: "有効期限内",
    expiringSoon: "間もなく期限切れ",
    expired: "有効期限切れ",
    suspended: "利用停止中",
    legend: "状態アイコンの説明",
    noProducts: "登録済みの製品/サービスはありません。「+ キーの入力」から製品を追加してください。",
    registered: (product: string) => `アカウントが作成され、${product}のライセンスが追加されました。`,
    added: "製品が追加されました。",
    // == adding a key (ライセンスキー)
    addKeyTitle: "ライセンスキー",
    addKeyLabel: "アクティベーションコードまたはキーを入力してください。",
    addKeyHint:
      "納品物に記載の製品またはサービスのキー（アクティベーションコード、レジストレーションキーなど）",
    // == privacy policy
    privacyTitle: "プライバシーポリシー",
  },
  en: {
    confirmTitle: "Confirm the product information",
    rk: "Registration key",
    ac: "Activation code",
    package: "Package",
    seats: "Seats",
    expiresOn: "Expiry date",
    licenseType: "Licence type",
    full: "Full version",
    trial: "Trial",
    accept: "I accept the licence agreement.",
    agreementLabel: "The agreement box",
    privacyLink: "Follow this link to read the privacy policy.",
    newTab: " (opens in a new tab)",
    switchedFrom: (from: string, to: string) => `This ${from} key registers as a key of ${to}.`,
    keyMissing: "Enter a key.",
    keyLength: "The key has the wrong number of characters. Check it against your delivery documents.",
    keyCharacter:
      "The key contains a character that keys never use. Check it against your delivery documents.",
    keyCheck: "The key is mistyped. Compare it character by character with your delivery documents.",
    keyUnknown: "No key like this one was found. Check it against your delivery documents.",
    keyRegistered:
      "This key is registered already. Log in with the login ID it was registered with and see the product list.",
    keyExpired: "This key has expired and can no longer be registered.",
    keySuspended: "This key cannot be used at the moment. Please contact support.",
    keyProductEnded:
      "This key's product has ended and its keys can no longer be registered. Please use a key of its successor.",
    productsTitle: "Products/Services",
    enterKey: "+ Enter a key",
    columnProduct: "Product/Service",
    columnSeats: "Seats/Users",
    columnLicenseType: "Licence type",
    columnExpiresOn: "Expiry date",
    columnAction: "Action",
    openConsole: "Open console",
    active: "Valid",
    expiringSoon: "Expiring soon",
    expired: "Expired",
    suspended: "Suspended",
    legend: "What the status icons mean",
    noProducts: "No products or services are registered. Add one with “+ Enter a key”.",
    registered: (product: string) => `Your account was created and the licence for ${product} was added.`,
    added: "The product was added.",
    addKeyTitle: "Licence key",
    addKeyLabel: "Enter an activation code or key.",
    addKeyHint:
      "The product or service key from your delivery documents (an activation code, a registration key…)",
    privacyTitle: "Privacy policy",
  },
})
