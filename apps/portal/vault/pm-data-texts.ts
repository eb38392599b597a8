import { defineTexts } from "../shell/texts.js"

// The Password Manager's data page (manual 000): what is stored, read-only after the end, its
// export before it, and the move into ID Protection.

export const pmDataTexts = defineTexts({
  ja: {
    title: "パスワードマネージャーのデータ",
    lead: "パスワードマネージャーに保存したパスワードとセキュアメモです。",
    ended: (when: string) =>
      `パスワードマネージャーは ${when} に終了しました。データは表示のみ（読み取り専用）で、エクスポートはできません。ID プロテクションへインポートできます。`,
    ending: (when: string) =>
      `パスワードマネージャーは ${when} に終了します。終了後はデータの表示のみとなり、エクスポートはできなくなります。必要なデータは終了前にエクスポートしてください。`,
    none: "パスワードマネージャーのデータは保存されていません。",
    lockedTitle: "データを表示",
    lockedLead: "ログインパスワードと、パスワードマネージャーのクライアントキーを入力してください。",
    password: "パスワード",
    clientKey: "クライアントキー",
    clientKeyHint: "36 文字。ハイフンやスペースはあってもなくてもかまいません。",
    show: "表示",
    itemsTitle: "保存されているデータ",
    kind: "種類",
    name: "名前",
    username: "ユーザ名",
    url: "URL",
    export: "エクスポート (CSV)",
    exportDisabled: "サービスの終了により、エクスポートは利用できません。",
    importTitle: "ID プロテクションへインポート",
    importLead:
      "このブラウザで開いたことのある ID プロテクションの保管庫へ、すべてのデータをコピーします。パスワードマネージャーのデータはそのまま残ります。",
    import: "ID プロテクションへインポート",
  },
  en: {
    title: "Password Manager data",
    lead: "The passwords and secure notes you stored in Password Manager.",
    ended: (when: string) =>
      `Password Manager ended on ${when}. Its data can be viewed (read-only) but not exported. You can import it into ID Protection.`,
    ending: (when: string) =>
      `Password Manager ends on ${when}. After that its data can only be viewed and no longer exported: export what you need before.`,
    none: "No Password Manager data is stored.",
    lockedTitle: "Show the data",
    lockedLead: "Enter your login password and the client key of Password Manager.",
    password: "Password",
    clientKey: "Client key",
    clientKeyHint: "36 characters; hyphens and spaces may be left out.",
    show: "Show",
    itemsTitle: "Stored data",
    kind: "Type",
    name: "Name",
    username: "User name",
    url: "URL",
    export: "Export (CSV)",
    exportDisabled: "The service has ended: export is no longer available.",
    importTitle: "Import into ID Protection",
    importLead:
      "Copies all the data into the ID Protection vault this browser has opened before. The Password Manager data stays as it is.",
    import: "Import into ID Protection",
  },
})

/** The words the page's script shows. */
export const pmDataScriptTexts = defineTexts({
  ja: {
    login: "ログイン",
    note: "セキュアメモ",
    working: "処理中…",
    wrongKey: "クライアントキーが正しくありません。",
    keyMistyped: "クライアントキーの入力に誤りがあります。",
    passwordWrong: "パスワードが正しくありません。",
    exported: "CSV ファイルを保存しました。",
    imported: "{n} 件を ID プロテクションにインポートしました。",
    needIdp: "先に ID プロテクションの保管庫をこのブラウザで開いてください（「保管庫」から）。",
    unexpected: "処理できませんでした。しばらくしてからもう一度お試しください。",
  },
  en: {
    login: "Login",
    note: "Secure note",
    working: "Working…",
    wrongKey: "The client key is not correct.",
    keyMistyped: "The client key is mistyped.",
    passwordWrong: "The password is not correct.",
    exported: "The CSV file has been saved.",
    imported: "{n} items imported into ID Protection.",
    needIdp: "Open your ID Protection vault in this browser first (under Vault).",
    unexpected: "That did not work. Please try again later.",
  },
})
