import { defineTexts } from "../shell/texts.js"

// Wording of manual 002 (ログイン画面) and its idle time-out note.
export const signInTexts = defineTexts({
  ja: {
    title: "ログイン",
    tagline: "製品やサービスのオンライン登録ポータル",
    intro: "豊富な製品ラインから、セキュリティ製品やサービスの有効化と登録を簡単に行うことができます。",
    formTitle: "登録情報を入力してください",
    // A personal account signs in with its e-mail address (manual 000), a business one with its login ID.
    loginId: "ログインID またはメールアドレス",
    password: "パスワード",
    forgot: "パスワードのリセット (パスワードをお忘れの場合)",
    remember: "ログインIDを記憶する",
    submit: "ログイン",
    firstTime: "製品を初めて登録されるお客さま",
    firstTimeText: "製品キーを1つ入力して、ユーザ登録に進みます。",
    register: "製品・ユーザ登録を行う",
    invalidCredentials: "ログインIDまたはパスワードが正しくありません。",
    missing: "ログインIDとパスワードを入力してください。",
    signedOut: "ログアウトしました。",
  },
  en: {
    title: "Log in",
    tagline: "The online registration portal for products and services",
    intro: "Activate and register security products and services from our whole product line in a few steps.",
    formTitle: "Enter your login details",
    loginId: "Login ID or e-mail address",
    password: "Password",
    forgot: "Reset your password (if you forgot it)",
    remember: "Remember my login ID",
    submit: "Log in",
    firstTime: "Registering a product for the first time?",
    firstTimeText: "Enter one product key to go on to the user registration.",
    register: "Register a product and an account",
    invalidCredentials: "The login ID or the password is incorrect.",
    missing: "Enter your login ID and password.",
    signedOut: "You have logged out.",
  },
})
