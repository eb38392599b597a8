import { defineTexts } from "../shell/texts.js"

// Manual 003's screens 「2要素認証」 and 「2要素認証の設定」, word for word where it has them (the
// vendor's name left out); manual 002's entry 「ユーザ登録情報」 › 「2要素認証」 › 「設定」 leads here.
export const twoFactorTexts = defineTexts({
  ja: {
    title: "2要素認証",
    intro:
      "2要素認証を使用することで、アカウントのセキュリティを強化できます。万一パスワード漏えいトラブルが発生した場合でも、お客様のクラウド型サービス (SaaS) 製品コンソールを不正アクセスから守ります。",
    status: "状況",
    enabled: "有効",
    disabled: "無効",
    enable: "2要素認証を有効にする",
    disable: "無効にする",
    changeDevice: "デバイスの変更",
    method: "認証方法",
    authenticatorApp: "Google認証システムアプリ",
    registeredEmail: "登録済みメールアドレス",
    recoveryCodes: "リカバリコード",
    recoveryCodesLeft: (count: number) => `残り${count}個`,
    newRecoveryCodes: "リカバリコードを再発行する",
    noteLabel: "注意:",
    emergencyNote:
      "選択した認証方法を使用して確認コードを取得できない場合は、お客様の登録済みメールアドレスへ、1回限り使用できる緊急アクセスコードをお送りすることができます。表示されている登録済みメールアドレスが正しくない場合は、",
    accountSettings: "アカウントの設定",
    emergencyNoteEnd: "でメールアドレスを変更してください。",
    setUpPending: "2要素認証の設定が完了していません。",
    continueSetUp: "設定を続ける",
    // == notices after a change
    enabledNotice:
      "2要素認証を有効にしました。次回以降のログインでは、Google認証システムアプリで生成された6桁のコードの入力が必要になります。",
    disabledNotice: "2要素認証を無効にしました。",
    deviceChangedNotice: "デバイスを変更しました。以前のデバイスの確認コードは使用できません。",
    emergencyLoginNotice:
      "緊急アクセスコードでログインしました。ほかのセッションはすべて終了しました。トークンアプリを紛失、削除してしまった場合は、2要素認証を無効にした後に改めて有効化と設定を行ってください（「デバイスの変更」から新しいデバイスを設定することもできます）。",
    setUpAbandoned:
      "6桁のコードの誤りが上限に達したため、設定を中止しました。もう一度「確認メールを送信」から設定してください。",
    // == recovery codes, shown once
    recoveryTitle: "リカバリコード",
    recoveryWarning:
      "次のリカバリコードは今回だけ表示されます。今すぐ印刷するか、パスワードマネージャーなど安全な場所に保存してください。",
    recoveryUse:
      "デバイスを紛失し、緊急アクセスコードのメールも受け取れない場合に、ログイン画面でいずれかのコードを入力してログインできます。各コードは1回だけ使用できます。",
    recoveryReplaced: "以前のリカバリコードは使用できなくなりました。",
    saved: "保存しました",
    // == set-up: the e-mail
    setUpTitle: "2要素認証の設定",
    verifyEmailTitle: "メールアドレスを確認",
    verifyEmailText:
      "2要素認証には有効なメールアドレスが必要です。お客様の登録済みメールアドレスへ設定を開始するための確認メールをお送りします。",
    verifyEmailNote:
      "表示されている登録済みメールアドレスが正しくない場合は、2要素認証を有効にする前にアカウントの設定でメールアドレスを変更してください。",
    newDeviceText:
      "新しいデバイスを設定します。設定が完了するまでは、現在のデバイスの確認コードを引き続き使用できます。",
    sendVerification: "確認メールを送信",
    // == set-up: the e-mailed code
    emailCodeTitle: "登録メール確認コード",
    emailCodeText: (address: string) =>
      `${address} 宛に確認メールを送信しました。メールに記載された登録メール確認コードを入力し「続行」をクリックしてください。`,
    emailCode: "登録メール確認コード",
    emailCodeHint: "メールが届かない場合は、迷惑メールフォルダをご確認ください。",
    sendAgain: "確認メールを再送信",
    emailCodeEnded:
      "登録メール確認コードの有効期限が切れたか、入力の誤りが上限に達しました。もう一度確認メールを送信してください。",
    // == set-up: the app
    appTitle: "Google認証システムアプリを設定する",
    installTitle: "① Google認証システムアプリをインストールする",
    installText: "お使いのモバイルデバイスのアプリストアから、Google認証システムアプリをインストールします。",
    addTitle: "② Google認証システムアプリにアカウントを追加する",
    addText: "Google認証システムアプリを開き、QRコードをスキャンしてアカウントを追加します。",
    qrTitle: "QRコード",
    qrText: "Google認証システムアプリでQRコードをスキャンします。",
    qrNote:
      "アカウントへの不正アクセスを防止するため、第三者の目に触れないところでQRコードを表示することをお勧めします。",
    showQr: "QRコードを表示する",
    qrAlt: "QRコード（Google認証システムアプリでスキャンします）",
    manualKeyTitle: "QRコードを読み取れない場合",
    manualKeyText:
      "QRコードを読み取れないアプリ（WinAuth、OTP Managerなど）では、次のキーを入力してアカウントを追加してください（時間ベース、6桁、30秒）。",
    account: "アカウント",
    key: "キー",
    issuer: "発行者",
    confirmTitle: "③ アカウントが正しく設定されたことを確認する",
    confirmText:
      "Google認証システムアプリにアカウントを追加したら、Google認証システムアプリで生成された6桁のコードを入力して、認証が正しく機能していることを確認します。",
    sixDigitCode: "6桁のコード",
    changeDeviceSubmit: "デバイスを変更する",
    // == codes refused
    wrongCode: (left: number) => `コードが正しくないか、有効期限が切れています。あと${left}回入力できます。`,
    // == turning it off
    disableTitle: "2要素認証を無効にする",
    disableText:
      "2要素認証を無効にするとアカウントのセキュリティ強化機能は追加されず、製品コンソールにアカウントとパスワードだけでログインできます。",
    disableQuestion: "2要素認証を無効にしますか?",
    password: "パスワード",
    passwordHint: "確認のため、ログインパスワードを入力してください。",
    passwordIncorrect: "パスワードが正しくありません。",
    // == new recovery codes
    newCodesTitle: "リカバリコードの再発行",
    newCodesText:
      "新しいリカバリコードを10個発行します。発行すると、以前のリカバリコードは使用できなくなります。",
    issueCodes: "発行する",
  },
  en: {
    title: "Two-factor authentication",
    intro:
      "Two-factor authentication strengthens the security of your account. Even if your password leaks, it keeps unauthorised people out of your cloud (SaaS) product consoles.",
    status: "Status",
    enabled: "On",
    disabled: "Off",
    enable: "Turn on two-factor authentication",
    disable: "Turn off",
    changeDevice: "Change device",
    method: "Method",
    authenticatorApp: "Google Authenticator app",
    registeredEmail: "Registered e-mail address",
    recoveryCodes: "Recovery codes",
    recoveryCodesLeft: (count: number) => (count === 1 ? "1 left" : `${count} left`),
    newRecoveryCodes: "Get new recovery codes",
    noteLabel: "Note:",
    emergencyNote:
      "If you cannot get a code with your authentication method, we can send a one-time emergency access code to your registered e-mail address. If the registered address shown is wrong, change it in ",
    accountSettings: "your account settings",
    emergencyNoteEnd: ".",
    setUpPending: "The set-up of two-factor authentication is not finished.",
    continueSetUp: "Continue the set-up",
    enabledNotice:
      "Two-factor authentication is on. From your next login you will need the 6-digit code from the Google Authenticator app.",
    disabledNotice: "Two-factor authentication is off.",
    deviceChangedNotice: "Your device has been changed. Codes from the previous device no longer work.",
    emergencyLoginNotice:
      "You logged in with an emergency access code, and every other session has been ended. If you lost or deleted your authenticator app, turn two-factor authentication off and set it up again (or set up a new device with “Change device”).",
    setUpAbandoned:
      "Too many wrong 6-digit codes: the set-up has been stopped. Please start again with “Send verification e-mail”.",
    recoveryTitle: "Recovery codes",
    recoveryWarning:
      "These recovery codes are shown this once. Print them or save them somewhere safe, such as a password manager, now.",
    recoveryUse:
      "If you lose your device and cannot receive the emergency access code e-mail either, enter any one of them on the login screen. Each code works once.",
    recoveryReplaced: "Your previous recovery codes no longer work.",
    saved: "I have saved them",
    setUpTitle: "Set up two-factor authentication",
    verifyEmailTitle: "Verify your e-mail address",
    verifyEmailText:
      "Two-factor authentication needs a valid e-mail address. We will send a verification e-mail to your registered address to start the set-up.",
    verifyEmailNote:
      "If the registered address shown is wrong, change it in your account settings before turning on two-factor authentication.",
    newDeviceText:
      "You are setting up a new device. Until the set-up is finished, codes from your current device keep working.",
    sendVerification: "Send verification e-mail",
    emailCodeTitle: "E-mail verification code",
    emailCodeText: (address: string) =>
      `We sent a verification e-mail to ${address}. Enter the verification code from the e-mail and click “Continue”.`,
    emailCode: "E-mail verification code",
    emailCodeHint: "If the e-mail does not arrive, check your spam folder.",
    sendAgain: "Send the verification e-mail again",
    emailCodeEnded:
      "The verification code has expired or was mistyped too many times. Please send a new verification e-mail.",
    appTitle: "Set up the Google Authenticator app",
    installTitle: "① Install the Google Authenticator app",
    installText: "Install the Google Authenticator app from your mobile device's app store.",
    addTitle: "② Add your account to the Google Authenticator app",
    addText: "Open the Google Authenticator app and scan the QR code to add your account.",
    qrTitle: "QR code",
    qrText: "Scan the QR code with the Google Authenticator app.",
    qrNote: "To keep your account safe, show the QR code only where nobody else can see it.",
    showQr: "Show QR code",
    qrAlt: "QR code (scan it with the Google Authenticator app)",
    manualKeyTitle: "If you cannot scan the QR code",
    manualKeyText:
      "In an app that cannot scan QR codes (WinAuth, OTP Manager and the like), add the account by entering this key (time-based, 6 digits, 30 seconds).",
    account: "Account",
    key: "Key",
    issuer: "Issuer",
    confirmTitle: "③ Check that the account is set up correctly",
    confirmText:
      "Once the account is in the Google Authenticator app, enter the 6-digit code it shows to check that authentication works.",
    sixDigitCode: "6-digit code",
    changeDeviceSubmit: "Change device",
    wrongCode: (left: number) =>
      `The code is wrong or has expired. ${left === 1 ? "1 attempt" : `${left} attempts`} left.`,
    disableTitle: "Turn off two-factor authentication",
    disableText:
      "With two-factor authentication off, your account loses this extra protection, and the product consoles can be entered with the account and password alone.",
    disableQuestion: "Turn off two-factor authentication?",
    password: "Password",
    passwordHint: "Enter your login password to confirm.",
    passwordIncorrect: "The password is incorrect.",
    newCodesTitle: "New recovery codes",
    newCodesText:
      "This issues ten new recovery codes. Once they are issued, your previous ones stop working.",
    issueCodes: "Issue new codes",
  },
})
