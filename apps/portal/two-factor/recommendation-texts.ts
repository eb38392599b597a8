import { twoFactorRecommendation } from "../../../application/two-factor/two-factor-recommendation.js"
import { defineTexts } from "../shell/texts.js"

// Manual 003, the message shown at sign-in while 2FA is off.
export const recommendationTexts = defineTexts({
  ja: {
    title: twoFactorRecommendation.title.ja,
    lead: "サイバー犯罪が高度化するにつれて、不正アクセスからインターネットアカウントを保護するにはパスワード保護だけでは不十分な場合があります。アカウントを適切に保護するために、2要素認証をただちに有効にすることを強く推奨します。",
    whatTitle: "2要素認証とは",
    what: "2要素認証により、モバイルデバイスを使ってアカウントへのサインイン時に本人確認を行うことが可能になります。2要素認証によりセキュリティが強化され、パスワードが盗まれた場合でも、不正アクセスを防ぐことができます。",
    whyTitle: "2要素認証が重要な理由",
    why: "サイバー犯罪者によって本アカウントに不正アクセスされた場合、本コンソールからアクセス可能な製品の保護をすべてオフにされる恐れがあります。それにより個人データ、企業機密、銀行情報への不正アクセスや、盗用、ランサムウェア、破損などの被害を受けやすくなる可能性があります。",
    setUp: "2要素認証設定を行う",
    dontShowAgain: "今後このメッセージを表示しない",
    skip: "危険性を理解したうえで、スキップします",
  },
  en: {
    title: twoFactorRecommendation.title.en,
    lead: "As cybercrime grows more sophisticated, a password alone may not be enough to protect an online account. We strongly recommend turning on two-factor authentication now to protect your account.",
    whatTitle: "What is two-factor authentication?",
    what: "Two-factor authentication uses your mobile device to confirm it is you when you sign in. It strengthens your security and stops unauthorised access even if your password is stolen.",
    whyTitle: "Why it matters",
    why: "Someone who breaks into this account could turn off the protection of every product reachable from this console, exposing personal data, business secrets and banking details to theft, ransomware and damage.",
    setUp: "Set up two-factor authentication",
    dontShowAgain: "Don't show this message again",
    skip: "Skip, I understand the risk",
  },
})
