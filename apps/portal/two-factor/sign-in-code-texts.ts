import { defineTexts } from "../shell/texts.js"
import { twoFactorTexts } from "./two-factor-texts.js"

// Manual 003's last section: 「確認コード」, 「緊急アクセスコードをメールで送信」, 「緊急アクセスコード」.
export const signInCodeTexts = defineTexts({
  ja: {
    title: "確認コード",
    text: "お使いのモバイルデバイスからGoogle認証システムアプリを使用して確認コードを取得し、そのコードを入力してログインしてください。",
    sixDigitCode: "6桁のコード",
    submit: "送信",
    sendEmergency: "緊急アクセスコードをメールで送信",
    useRecovery: "リカバリコードを使用する",
    backToSignIn: "ログイン画面に戻る",
    back: "戻る",
    emergencyTitle: "緊急アクセスコードをメールで送信",
    emergencyText:
      "Google認証システムアプリで確認コードを取得できない場合は、お客様の登録済みメールアドレスへ1回限りの緊急アクセスコードをお送りすることができます。",
    sendMail: "メールを送信",
    emergencyCodeTitle: "緊急アクセスコード",
    emergencyCodeText: (address: string) =>
      `緊急アクセスコードを次のアドレスに送信しました ${address}。緊急アクセスコードを入力してログインしてください。`,
    emergencyCode: "緊急アクセスコード",
    emergencyCodeHint: "メールが5分以内に届かない場合は、迷惑メールフォルダをご確認ください。",
    sendAgain: "緊急アクセスコードを再送信",
    recoveryTitle: "リカバリコード",
    recoveryText:
      "2要素認証を有効にしたときに保存したリカバリコードのいずれかを入力してログインしてください。各コードは1回だけ使用できます。",
    recoveryCode: "リカバリコード",
    recoveryHint: "例: abcd-efgh-ijkl-mnop-qrst-uvwx（大文字・小文字、ハイフンの有無は問いません）",
    wrongCode: twoFactorTexts.ja.wrongCode,
    locked: "確認コードの誤りが上限に達したため、このアカウントへのログインを一時的に停止しました。",
    ended: "このログインの有効期限が切れました。もう一度ログインしてください。",
  },
  en: {
    title: "Verification code",
    text: "Get a verification code from the Google Authenticator app on your mobile device and enter it to log in.",
    sixDigitCode: "6-digit code",
    submit: "Submit",
    sendEmergency: "Send an emergency access code by e-mail",
    useRecovery: "Use a recovery code",
    backToSignIn: "Back to the login screen",
    back: "Back",
    emergencyTitle: "Send an emergency access code by e-mail",
    emergencyText:
      "If you cannot get a verification code from the Google Authenticator app, we can send a one-time emergency access code to your registered e-mail address.",
    sendMail: "Send e-mail",
    emergencyCodeTitle: "Emergency access code",
    emergencyCodeText: (address: string) =>
      `We sent an emergency access code to ${address}. Enter the emergency access code to log in.`,
    emergencyCode: "Emergency access code",
    emergencyCodeHint: "If the e-mail does not arrive within 5 minutes, check your spam folder.",
    sendAgain: "Send the emergency access code again",
    recoveryTitle: "Recovery code",
    recoveryText:
      "Enter one of the recovery codes you saved when you turned on two-factor authentication. Each code works once.",
    recoveryCode: "Recovery code",
    recoveryHint: "For example abcd-efgh-ijkl-mnop-qrst-uvwx (any case, with or without the dashes)",
    wrongCode: twoFactorTexts.en.wrongCode,
    locked: "Too many wrong codes: logins to this account are paused for a while.",
    ended: "This login has expired. Please log in again.",
  },
})
