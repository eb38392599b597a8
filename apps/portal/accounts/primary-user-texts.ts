import { defineTexts } from "../shell/texts.js"

// The screens of manual 004, STEP 2, 3–9: the manual shows them in English (the Vision One pages);
// the Japanese ones say the same in the portal's words, with the manual's button names kept.

export const primaryUserTexts = defineTexts({
  ja: {
    title: "プライマリユーザアカウント",
    steps: "Step 1. メールアドレスの割り当て　Step 2. メールアドレスの検証　Step 3. パスワードの更新",
    assignTitle: "プライマリユーザアカウントのメールアドレスを割り当てる",
    assignWarning:
      "Trend Vision One のコンソールへのサインインにはメールアドレスが必要です。手順に従ってアカウントにメールアドレスを関連付け、パスワードを再設定してください。",
    assignText:
      "指定したメールアドレスは、貴社の主要な連絡先となり、今後のサインインに使用するアカウント名になります。",
    originalAccount: "元のアカウント",
    email: "新しいアカウントのメールアドレス",
    emailConfirmation: "メールアドレス（確認）",
    verifyEmail: "Verify Email",
    emailTaken: "このメールアドレスはすでに別のアカウントのサインインに使用されています。",
    verifyTitle: "メールアドレスの検証",
    verifyText: (address: string) => `${address} 宛てに検証コードを送信しました。`,
    code: "検証コード",
    codeHint: "メールに記載された6桁の数字",
    submit: "Submit",
    resendLead: "メールが受信トレイや迷惑メールフォルダに届かない場合は、",
    resend: (seconds: number) =>
      seconds > 0 ? `ここをクリックして再送信（${seconds}秒）` : "ここをクリックして再送信",
    resendTooSoon: (seconds: number) => `再送信は${seconds}秒後にできます。`,
    resent: "新しい検証コードを送信しました。以前のコードは使用できません。",
    wrongCode: (left: number) => `検証コードが正しくありません。あと${left}回入力できます。`,
    codeEnded:
      "この検証コードは使用できません（有効期限切れ、または誤りが多すぎます）。コードを再送信してください。",
    passwordTitle: "パスワードの更新",
    passwordText:
      "アカウントを安全に保つため、現在のパスワードを確認し、新しいパスワードを指定してください。",
    currentPassword: "現在のパスワード",
    newPassword: "新しいパスワード",
    newPasswordConfirmation: "パスワード（確認）",
    resetPassword: "Reset Password",
    signsOut:
      "更新すると、すべてのセッションからログアウトします。以後はこのメールアドレスでログインしてください。",
    updatedTitle: "パスワードの更新",
    updated: "Updated password successfully",
    updatedText: (address: string) => `今後は ${address} と新しいパスワードでログインしてください。`,
    close: "Close",
    doneText: (address: string) => `このアカウントは ${address} でログインします。`,
    startLink: "プライマリユーザアカウント（メールアドレスでのログイン）",
  },
  en: {
    title: "Primary user account",
    steps:
      "Step 1. Assign the email address   Step 2. Verify the email address   Step 3. Update the password",
    assignTitle: "Assign the Primary User Account email address",
    assignWarning:
      "Trend Vision One requires the use of an email address to sign in to the console. Follow the instructions to associate your account with your email address and reset your password.",
    assignText:
      "The email address you specify becomes your business's primary contact email and the account name you must use to sign in.",
    originalAccount: "Original account",
    email: "New account email",
    emailConfirmation: "Confirm email",
    verifyEmail: "Verify Email",
    emailTaken: "This email address already signs in to another account.",
    verifyTitle: "Verify Email Address",
    verifyText: (address: string) => `We have sent a verification code to ${address}.`,
    code: "Verification code",
    codeHint: "The 6 digits in the email",
    submit: "Submit",
    resendLead: "If the email did not arrive in your inbox or spam folder, ",
    resend: (seconds: number) =>
      seconds > 0 ? `click here to resend (${seconds}s)` : "click here to resend",
    resendTooSoon: (seconds: number) => `You can resend the code in ${seconds} seconds.`,
    resent: "A new verification code was sent. The previous code no longer works.",
    wrongCode: (left: number) => `The verification code is wrong; ${left} attempt(s) left.`,
    codeEnded: "This verification code no longer works (expired, or too many wrong codes). Resend the code.",
    passwordTitle: "Password Update",
    passwordText:
      "To ensure the security of your account, verify your current password and specify the new password.",
    currentPassword: "Current password",
    newPassword: "New password",
    newPasswordConfirmation: "Confirm password",
    resetPassword: "Reset Password",
    signsOut: "Updating signs you out everywhere. From then on, sign in with the email address.",
    updatedTitle: "Password Update",
    updated: "Updated password successfully",
    updatedText: (address: string) => `From now on, sign in with ${address} and your new password.`,
    close: "Close",
    doneText: (address: string) => `This account signs in with ${address}.`,
    startLink: "Primary user account (sign in by email address)",
  },
})
