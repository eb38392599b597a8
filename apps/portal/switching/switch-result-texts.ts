import type { NotSwitchedReason } from "../../../domain/licensing/license-events.js"
import { defineTexts, type Lang } from "../shell/texts.js"

// Why a licence was not switched, as the manual's questions and answers put it.
const reasons: { readonly [L in Lang]: Readonly<Record<NotSwitchedReason, string>> } = {
  ja: {
    "cancelled-by-cutoff": "切り替えの期日までに、あんしん自動更新契約または月額プランが解約されていました。",
    "in-app-purchase":
      "アプリ内課金（App Store / Google Play）の契約は、アプリストアの仕様上、切り替えの対象外です。",
    "free-edition": "無料版は切り替えの対象外です。",
    "channel-not-switched": "このご購入方法の契約は切り替えの対象外です。",
    expired: "切り替えの時点で、ライセンスの有効期限が切れていました。",
    suspended: "切り替えの時点で、ライセンスが停止されていました。",
  },
  en: {
    "cancelled-by-cutoff":
      "The auto-renewal contract or monthly plan had been cancelled by the switch's cut-off day.",
    "in-app-purchase":
      "Contracts bought in the App Store or Google Play cannot be carried over, by the stores' rules.",
    "free-edition": "The free edition is not switched.",
    "channel-not-switched": "Contracts bought this way are not switched.",
    expired: "The licence had expired when the switch was made.",
    suspended: "The licence was suspended when the switch was made.",
  },
}

export const switchResultTexts = defineTexts({
  ja: {
    title: "ライセンス切り替えの確認",
    none: "このアカウントには、切り替えの対象となるライセンスはありません。",
    notYet: (to: string, from: string) => `${to}へのライセンス切り替えの結果は、${from}以降に確認できます。`,
    pending: (to: string) =>
      `${to}へのライセンス切り替えの結果は、まだ確定していません。しばらくしてからもう一度ご確認ください。`,
    ready: (to: string) => `${to}を利用する準備ができました`,
    switchedFrom: (from: string, to: string) => `${from}のライセンスは${to}のライセンスに切り替わりました。`,
    expiresOn: "有効期限",
    open: (to: string) => `${to}を開く`,
    moveData: (from: string) => `${from}に保存されているデータは、一部の項目を除き、まとめて移行できます。`,
    dataLink: (from: string) => `${from}のデータを移行する`,
    notSwitched: (to: string) => `このライセンスは${to}への切り替えの対象外です`,
    reason: (reason: NotSwitchedReason) => reasons.ja[reason],
    newContract: (to: string) => `引き続きご利用いただくには、${to}の新たな契約をご購入ください。`,
    importStill: (from: string, to: string) => `${from}のデータは${to}にインポートできます。`,
    support: "表示内容に心当たりがない場合は、サポート窓口までお問い合わせください。",
  },
  en: {
    title: "Your licence switch",
    none: "This account has no licence that a switch applies to.",
    notYet: (to: string, from: string) => `The result of the switch to ${to} can be seen from ${from}.`,
    pending: (to: string) =>
      `The result of the switch to ${to} is not settled yet. Please check again a little later.`,
    ready: (to: string) => `Ready to use ${to}`,
    switchedFrom: (from: string, to: string) => `Your ${from} licence has been switched to a ${to} licence.`,
    expiresOn: "Valid until",
    open: (to: string) => `Open ${to}`,
    moveData: (from: string) =>
      `The data stored in ${from} can be moved across in one go, except for some items.`,
    dataLink: (from: string) => `Move your ${from} data`,
    notSwitched: (to: string) => `This licence was not switched to ${to}`,
    reason: (reason: NotSwitchedReason) => reasons.en[reason],
    newContract: (to: string) => `To go on, please buy a new ${to} contract.`,
    importStill: (from: string, to: string) => `Your ${from} data can still be imported into ${to}.`,
    support: "If this does not look right, please contact support.",
  },
})
