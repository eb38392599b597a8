import { passwordResetLinkPath, passwordResetPagePath } from "../../application/accounts/password-reset.js"
import { switchResultPath } from "../../application/switching/switch-result.js"

// Where the portal's screens live, for the links between features (and the e-mails' links).

export const portalPaths = {
  home: "/",
  signIn: "/login",
  signOut: "/logout",
  /** The second step of a sign-in with 2FA on: the 6-digit code, or an emergency or recovery code. */
  signInCode: "/login/two-factor",
  /** Lost device: the masked address and 「メールを送信」, then the page that takes the mailed code. */
  signInEmergency: "/login/two-factor/emergency",
  signInEmergencyCode: "/login/two-factor/emergency-code",
  signInRecoveryCode: "/login/two-factor/recovery",
  /** Shown after sign-in while 2FA is off, until skipped ("skip, I understand the risk"). */
  twoFactorRecommendation: "/two-factor/recommendation",
  register: "/register",
  /** The steps after the key (製品情報を確認, then the form): POSTs only, the key in their bodies. */
  registerConfirm: "/register/confirm",
  registerDetails: "/register/details",
  /** Step 4 of a consumer product's key: a personal account (the address and the password). */
  registerPersonal: "/register/personal",
  products: "/products",
  addKey: "/products/add",
  addKeyConfirm: "/products/add/confirm",
  /** Linked from the licence agreement (製品情報を確認). */
  privacy: "/privacy",
  /** 会社情報: the ご契約者 tab; the サポート窓口 tab is a page of its own. */
  company: "/company",
  companySupportContact: "/company/support-contact",
  user: "/user",
  /** A personal account's details: its address, the password, 2FA (it has no company or user form). */
  userPersonal: "/user/personal",
  userPassword: "/user/password",
  /** After a password change: every session has ended, so this page asks to sign in again. */
  userPasswordChanged: "/user/password/changed",
  /**
   * The primary user account by e-mail (manual 004, STEP 2, 3–9): one page showing the step the
   * account is at, the forms of the steps, and "Updated password successfully" after the last.
   */
  primaryUser: "/primary-user",
  primaryUserCode: "/primary-user/code",
  primaryUserResend: "/primary-user/resend",
  primaryUserPassword: "/primary-user/password",
  primaryUserUpdated: "/primary-user/updated",
  /** The account's signed-in app devices (app sessions), each with its sign-out. */
  devices: "/devices",
  twoFactor: "/two-factor",
  /** Set-up, for the first device or a new one: the mail, its code, the app (QR code) and its code. */
  twoFactorSetUp: "/two-factor/setup",
  twoFactorSetUpCode: "/two-factor/setup/code",
  twoFactorSetUpApp: "/two-factor/setup/app",
  twoFactorQr: "/two-factor/setup/qr.png",
  twoFactorDisable: "/two-factor/disable",
  twoFactorRecoveryCodes: "/two-factor/recovery-codes",
  /** 保管庫: the settings page (activation, status), the vault itself, and the reset. */
  vault: "/vault",
  vaultOpen: "/vault/open",
  vaultReset: "/vault/reset",
  /** The Password Manager's data: read-only after its end, exported before, copied into ID Protection. */
  passwordManagerData: "/vault/password-manager",
  /** Manual 004's Product Instance screen: Provision Console, 既存製品の追加 (the token), アップデート. */
  instances: "/instances",
  /** The answer to 既存製品の追加: the registration token, shown once (a POST's answer, never in a URL). */
  instanceToken: "/instances/:id/token",
  /** The update dialog: the three documents and the permanent-update notice. */
  instanceUpdate: "/instances/:id/update",
  /** The instance's console users. */
  instanceUsers: "/instances/:id",
  /** ライセンス切り替えの確認: what a product switch did with the account's licences (the mail links here). */
  switchResult: switchResultPath,
  passwordReset: passwordResetPagePath,
  /** "Check your e-mail", after a reset request (beside, not under, the link's path: no token). */
  passwordResetSent: "/password-reset-sent",
  /** "Your login password has been changed", after a reset. */
  passwordResetDone: "/password-reset-done",
  /** The page a reset e-mail links to (the application writes the link: the mail is its own). */
  passwordResetLink: passwordResetLinkPath,
} as const
