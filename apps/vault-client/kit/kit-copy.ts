// The emergency kit's words, after the manual. Every character here must be in the subset font:
// `scripts/subset-kit-font.mjs` reads this file, and a unit test fails if the font lags behind.

export type KitLanguage = "ja" | "en"

export interface KitCopy {
  readonly title: string
  readonly keyLabel: string
  readonly loginLabel: string
  readonly createdLabel: string
  readonly versionLabel: string
  readonly paragraphs: ReadonlyArray<string>
}

export const kitCopy: Record<KitLanguage, KitCopy> = {
  ja: {
    title: "ID プロテクション 緊急キット",
    keyLabel: "クライアントキー",
    loginLabel: "サインインアドレス",
    createdLabel: "作成日",
    versionLabel: "キーの版",
    paragraphs: [
      "保管庫を新しいデバイスで利用するとき、またはアプリを再インストールしたあとに、このクライアントキーを入力するか QR コードをスキャンしてロックを解除します。",
      "当社はお客さまのクライアントキーを保管していません。このキーを紛失し、ロックを解除できるデバイスもない場合、保管庫のリセットが必要となり、保存したデータはすべて削除されます。",
      "印刷して安全な場所に保管してください。他人に見せないでください。",
    ],
  },
  en: {
    title: "ID Protection emergency kit",
    keyLabel: "Client key",
    loginLabel: "Sign-in address",
    createdLabel: "Created",
    versionLabel: "Key version",
    paragraphs: [
      "When you use the vault on a new device, or after reinstalling the app, type this client key or scan the QR code to unlock it.",
      "We do not keep your client key. If you lose it and no device can unlock the vault, the vault has to be reset and everything stored in it is deleted.",
      "Print this page and keep it somewhere safe. Do not show it to anyone.",
    ],
  },
}
