import { defineTexts } from "../shell/texts.js"

// The Password Manager's data page (manual 000): what is stored, read-only after the end, its
// export before it, and the move into ID Protection.

export const pmDataTexts = defineTexts({
  ja: {
    title: "パスワードマネージャーのデータ",
    lead: "パスワードマネージャーに保存したパスワードやセキュアメモなどのデータです。",
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
      "このブラウザで開いたことのある ID プロテクションの保管庫へ、データをまとめてコピーします。パスワードマネージャーのデータはそのまま残ります。",
    importExcept:
      "一部の項目（フォーム入力用の個人情報）は ID プロテクションに保存できないため移行されず、下に一覧で表示されます。もう一度インポートしても、同じデータが二重に追加されることはありません。",
    import: "ID プロテクションへインポート",
    notMovedTitle: "移行できなかった項目",
    reason: "理由",
  },
  en: {
    title: "Password Manager data",
    lead: "The passwords, secure notes and other data you stored in Password Manager.",
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
      "Copies the data in one go into the ID Protection vault this browser has opened before. The Password Manager data stays as it is.",
    importExcept:
      "Some items (personal information for filling in forms) cannot be stored in ID Protection: they are not moved and are listed below. Importing again never adds the same data twice.",
    import: "Import into ID Protection",
    notMovedTitle: "Items that could not be moved",
    reason: "Reason",
  },
})

/** The words the page's script shows. */
export const pmDataScriptTexts = defineTexts({
  ja: {
    login: "ログイン",
    note: "セキュアメモ",
    form: "個人情報（フォーム入力）",
    unknownKind: "不明",
    working: "処理中…",
    wrongKey: "クライアントキーが正しくありません。",
    keyMistyped: "クライアントキーの入力に誤りがあります。",
    passwordWrong: "パスワードが正しくありません。",
    exported: "CSV ファイルを保存しました。",
    exportedWithout: "{k} 件は読み取れなかったため、ファイルに含まれていません。",
    imported: "{n} 件を ID プロテクションにインポートしました。",
    importedAgain:
      "{n} 件を ID プロテクションにインポートしました（{m} 件はインポート済みのため追加していません）。",
    notMoved: "{k} 件は移行できませんでした。",
    kindNotSupported: "ID プロテクションでは保存できない種類です",
    unreadable: "読み取れませんでした",
    untitled: "（名前を読み取れません）",
    needIdp: "先に ID プロテクションの保管庫をこのブラウザで開いてください（「保管庫」から）。",
    unexpected: "処理できませんでした。しばらくしてからもう一度お試しください。",
  },
  en: {
    login: "Login",
    note: "Secure note",
    form: "Personal information (form filling)",
    unknownKind: "Unknown",
    working: "Working…",
    wrongKey: "The client key is not correct.",
    keyMistyped: "The client key is mistyped.",
    passwordWrong: "The password is not correct.",
    exported: "The CSV file has been saved.",
    exportedWithout: " Could not be read, so not in the file: {k}.",
    // Counts after a colon: "1 items" and "1 item(s)" both read badly.
    imported: "Imported into ID Protection: {n}.",
    importedAgain: "Imported into ID Protection: {n} ({m} imported before, not added again).",
    // Follows the sentence before: English puts a space between sentences, Japanese none.
    notMoved: " Could not be moved: {k}.",
    kindNotSupported: "ID Protection cannot store this kind of item",
    unreadable: "could not be read",
    untitled: "(name unreadable)",
    needIdp: "Open your ID Protection vault in this browser first (under Vault).",
    unexpected: "That did not work. Please try again later.",
  },
})
