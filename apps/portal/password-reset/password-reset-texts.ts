import { defineTexts } from "../shell/texts.js"

// Wording of manual 002, 「ログインIDもしくはパスワードがわからない場合」 Steps 2–6, where it has any.
export const passwordResetTexts = defineTexts({
  ja: {
    requestTitle: "パスワードのリセット (パスワードをお忘れの場合)",
    // The manual says 「契約者に登録されているメールアドレス」; the mail goes to the user's (decision 22).
    requestIntro:
      "ログインIDまたはメールアドレスを入力してください。パスワードをリセットするためのメッセージがユーザ登録情報に登録されているメールアドレスに送信されます。",
    loginIdOrEmail: "ログインIDまたはメールアドレス",
    robotCheck: "私はロボットではありません",
    robotCheckHint:
      "チェックを入れると、お使いのブラウザが短い計算を行って確認します。外部のサービスには何も送信されません。",
    noScript:
      "この確認にはJavaScriptが必要です。ブラウザでJavaScriptを有効にしてから、このページをもう一度開いてください。JavaScriptを使用できない場合は、サポート窓口にお問い合わせください。",
    workMissing: "「私はロボットではありません」にチェックを入れてから送信してください。",
    workInvalid: "確認できませんでした。もう一度「私はロボットではありません」にチェックを入れてください。",
    workExpired:
      "確認の有効期限が切れました。もう一度「私はロボットではありません」にチェックを入れてください。",
    backToSignIn: "ログイン画面に戻る",
    sentTitle: "メールを確認してください",
    // The manual shows the masked address; the page must not say whether an account matched.
    sentText:
      "入力されたログインIDまたはメールアドレスに一致するアカウントがある場合は、以降の手順を記載したメッセージを、そのアカウントのユーザ登録情報に登録されているメールアドレスに送信しました。",
    sentValidity: (minutes: number) => `メッセージ内のリンクの有効期限は${minutes}分です。`,
    sentNotArrived:
      "15分待ってもメッセージが届かない場合は、入力したログインIDまたはメールアドレスを確認して、もう一度お試しください。メールシステムによっては、メッセージが迷惑メールとして分類される可能性があるため、迷惑メールフォルダも確認してください。",
    newTitle: "パスワードのリセット",
    newIntro: "ログインIDまたはメールアドレスを確認して、新しいパスワードを入力してください。",
    loginIdShown: "ログインIDはこちらに表示されます。",
    accountName: "アカウント名",
    newPassword: "新しいパスワード",
    newPasswordConfirmation: "パスワードの確認入力",
    ruleManual: "数字、大文字、小文字を使用した8文字以上25文字以下のパスワードを設定してください。",
    ruleAsvs: "8文字以上128文字以下のパスワードを設定してください。",
    doneTitle: "パスワードのリセット",
    done: "ログインパスワードが変更されました。",
    doneText: "新しいパスワードを使用してログインするには [OK] をクリックします。",
    doneMail: "ユーザ登録情報に登録されているメールアドレスに、変更完了のメールが送信されます。",
    invalidTitle: "このリンクは使用できません",
    invalidText:
      "パスワードのリセット用のリンクが正しくないか、有効期限が切れたか、すでに使用されています（新しいリンクを申し込んだ場合は、最新のメールのリンクだけが使用できます）。",
    requestAgain: "パスワードのリセットをもう一度申し込む",
  },
  en: {
    requestTitle: "Reset your password (if you forgot it)",
    requestIntro:
      "Enter your login ID or e-mail address. A message to reset your password will be sent to the e-mail address in your user information.",
    loginIdOrEmail: "Login ID or e-mail address",
    robotCheck: "I'm not a robot",
    robotCheckHint:
      "When you tick the box, your browser does a short calculation to confirm it. Nothing is sent to any other service.",
    noScript:
      "This check needs JavaScript. Please turn JavaScript on in your browser and open this page again. If you cannot use JavaScript, please contact support.",
    workMissing: "Tick “I'm not a robot” before you submit.",
    workInvalid: "The check could not be confirmed. Please tick “I'm not a robot” again.",
    workExpired: "The check has expired. Please tick “I'm not a robot” again.",
    backToSignIn: "Back to the login page",
    sentTitle: "Check your e-mail",
    sentText:
      "If an account matches the login ID or e-mail address you entered, a message with the next steps has been sent to the e-mail address in that account's user information.",
    sentValidity: (minutes: number) => `The link in the message works for ${minutes} minutes.`,
    sentNotArrived:
      "If no message arrives within 15 minutes, check the login ID or e-mail address you entered and try again. Some mail systems file such messages as spam, so please check your spam folder too.",
    newTitle: "Reset your password",
    newIntro: "Check your login ID or e-mail address, and enter a new password.",
    loginIdShown: "Your login ID is shown here.",
    accountName: "Account name",
    newPassword: "New password",
    newPasswordConfirmation: "Confirm the password",
    ruleManual: "Use 8 to 25 characters, with digits, upper-case and lower-case letters.",
    ruleAsvs: "Use 8 to 128 characters.",
    doneTitle: "Reset your password",
    done: "Your login password has been changed.",
    doneText: "Click [OK] to log in with the new password.",
    doneMail: "A message confirming the change will be sent to the e-mail address in your user information.",
    invalidTitle: "This link cannot be used",
    invalidText:
      "The password-reset link is not correct, has expired or has been used already (after asking for a new link, only the link in the newest message works).",
    requestAgain: "Ask for a new password-reset link",
  },
})

/** The widget's own words (ALTCHA's `strings`), in the portal's languages. */
export const workWidgetTexts = defineTexts({
  ja: {
    label: "私はロボットではありません",
    verifying: "確認中...",
    verified: "確認済み",
    verify: "確認",
    error: "確認に失敗しました。もう一度お試しください。",
    expired: "確認の有効期限が切れました。もう一度チェックを入れてください。",
    verificationRequired: "「私はロボットではありません」にチェックを入れてください。",
    waitAlert: "確認中です。しばらくお待ちください。",
    loading: "読み込み中...",
    reload: "再読み込み",
    enterCode: "コードを入力",
    enterCodeAria: "聞こえるコードを入力してください。スペースキーを押すと音声を再生します。",
    getAudioChallenge: "音声で確認する",
    ariaLinkLabel: "ALTCHA",
    footer: "ALTCHA",
  },
  en: {
    label: "I'm not a robot",
    verifying: "Verifying...",
    verified: "Verified",
    verify: "Verify",
    error: "The check failed. Please try again.",
    expired: "The check has expired. Please tick the box again.",
    verificationRequired: "Please tick “I'm not a robot”.",
    waitAlert: "Verifying... please wait.",
    loading: "Loading...",
    reload: "Reload",
    enterCode: "Enter code",
    enterCodeAria: "Enter the code you hear. Press Space to play the audio.",
    getAudioChallenge: "Get an audio challenge",
    ariaLinkLabel: "ALTCHA",
    footer: "ALTCHA",
  },
})
