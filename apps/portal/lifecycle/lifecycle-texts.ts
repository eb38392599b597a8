import { defineTexts } from "../shell/texts.js"

// The notice of manual 000 (the Password Manager's end), said for any product that ends.
export const lifecycleTexts = defineTexts({
  ja: {
    ends: (product: string, when: string) => `${product}は${when}にサービスの提供を終了します。`,
    endsWhat:
      "終了後、アプリとブラウザ拡張機能は自動的にログアウトされ、再度ログインすることはできません。Web ポータルの保存データは閲覧のみ可能となり、エクスポートはできなくなります。必要なデータは終了前にエクスポートしてください。",
    ended: (product: string, when: string) => `${product}のサービスは${when}に終了しました。`,
    endedWhat:
      "保存データは閲覧のみ可能です。エクスポートはできません。後継製品へのデータのインポートは引き続き可能です。",
    moveTo: (successor: string) => `今後は${successor}をご利用ください。`,
    dataPage: "保存データの表示とインポート",
  },
  en: {
    ends: (product: string, when: string) => `${product} ends on ${when}.`,
    endsWhat:
      "From then on, its apps and browser extensions are signed out and cannot sign in again, and the data stored in the web portal can be viewed but not changed or exported. Please export any data you need before the end.",
    ended: (product: string, when: string) => `${product} ended on ${when}.`,
    endedWhat:
      "Its stored data can be viewed but not changed or exported. Importing it into the successor stays possible.",
    moveTo: (successor: string) => `Please move to ${successor}.`,
    dataPage: "View and import the stored data",
  },
})
