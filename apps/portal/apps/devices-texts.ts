import { defineTexts } from "../shell/texts.js"

export const devicesTexts = defineTexts({
  ja: {
    title: "ログイン中の端末",
    lead: "このアカウントでアプリや拡張機能にログインしている端末です。心当たりのない端末や、なくした端末はログアウトしてください。その端末のアプリはもう一度ログインするまで使えません。",
    none: "アプリにログインしている端末はありません。",
    device: "端末",
    product: "製品",
    signedInAt: "ログイン日時",
    lastUsedAt: "最終利用",
    action: "操作",
    signOut: "ログアウト",
    signOutDevice: (device: string) => `${device} をログアウト`,
    signedOut: (device: string) => `${device} をログアウトしました。`,
    alreadyGone: "その端末はすでにログアウトしています。",
  },
  en: {
    title: "Signed-in devices",
    lead: "These devices are signed in to an app or browser extension with this account. Sign out any device you do not recognise or have lost: its app stops working until someone signs in again.",
    none: "No device is signed in to an app.",
    device: "Device",
    product: "Product",
    signedInAt: "Signed in",
    lastUsedAt: "Last used",
    action: "Action",
    signOut: "Sign out",
    signOutDevice: (device: string) => `Sign out ${device}`,
    signedOut: (device: string) => `${device} has been signed out.`,
    alreadyGone: "That device was already signed out.",
  },
})
