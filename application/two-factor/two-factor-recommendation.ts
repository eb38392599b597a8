/**
 * While 2FA is off, a password login carries the recommendation to turn it on (seed 003), until the
 * customer dismisses it. Every driver shows this copy; each adds its own links to the set-up.
 */
export const twoFactorRecommendation = {
  title: { ja: "セキュリティをさらに強化", en: "Strengthen your account's security" },
  message: {
    ja: "アカウントを適切に保護するために、2要素認証をただちに有効にすることを強く推奨します。",
    en: "We strongly recommend turning on two-factor authentication now to protect your account.",
  },
} as const

export type TwoFactorRecommendation = typeof twoFactorRecommendation
