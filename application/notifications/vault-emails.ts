/**
 * The ID Protection vault's notices as pure functions: activated, client key changed, reset (by the
 * customer or by support), unlocked on a new device. Sent to every address on the account. They
 * carry no secret (never a key, a proof or an item), so none is sealed.
 */
import {
  type Brand,
  type ChangeTime,
  changeNotice,
  inLanguage,
  type Localised,
  type MailLanguage,
  type RenderedMail,
} from "./mail-kit.js"

export type VaultNotice = "activated" | "keyRotated" | "reset" | "resetBySupport" | "deviceUnlocked"

/** When it happened, and on which device when a device did it (the name the customer gave it). */
export interface VaultChange extends ChangeTime {
  readonly deviceName?: string
}

interface VaultMailCopy {
  readonly device: string
  readonly notices: Readonly<Record<VaultNotice, readonly [subject: string, line: string]>>
}

const copy: Localised<VaultMailCopy> = {
  ja: {
    device: "デバイス",
    notices: {
      activated: [
        "保管庫が有効になりました",
        "お客様のアカウントで ID プロテクションの保管庫が有効になりました。緊急キット（クライアントキー）は安全な場所に保管してください。キーがなければ保管庫のデータを開くことはできません。",
      ],
      keyRotated: [
        "クライアントキーが変更されました",
        "保管庫のクライアントキーが変更されました。以前の緊急キットのキーは使用できません。新しい緊急キットを保管してください。",
      ],
      reset: [
        "保管庫がリセットされました",
        "お客様の操作により、保管庫がリセットされました。保管庫のデータはすべて削除されました。",
      ],
      resetBySupport: [
        "保管庫がリセットされました",
        "お客様のご依頼により、サポートが保管庫をリセットしました。保管庫のデータはすべて削除されました。",
      ],
      deviceUnlocked: [
        "新しいデバイスで保管庫のロックが解除されました",
        "これまでに使用されていないデバイスで、保管庫のロックが解除されました。",
      ],
    },
  },
  en: {
    device: "Device",
    notices: {
      activated: [
        "Your vault is on",
        "The ID Protection vault is now on for your account. Keep the emergency kit (your client key) somewhere safe: without the key, nobody can open the vault's data.",
      ],
      keyRotated: [
        "Your client key has changed",
        "The vault's client key has been changed. The key in your previous emergency kit no longer works: keep the new kit instead.",
      ],
      reset: ["Your vault has been reset", "You reset your vault. All of its data has been deleted."],
      resetBySupport: [
        "Your vault has been reset",
        "At your request, support has reset your vault. All of its data has been deleted.",
      ],
      deviceUnlocked: [
        "Your vault was unlocked on a new device",
        "Your vault was unlocked on a device that had not opened it before.",
      ],
    },
  },
}

/** A change to the account's vault, told to every address on the account. */
export const vaultNotice = (
  language: MailLanguage,
  brand: Brand,
  notice: VaultNotice,
  change: VaultChange,
): RenderedMail => {
  const text = inLanguage(language, copy)
  const [subject, line] = text.notices[notice]
  const device: ReadonlyArray<readonly [string, string]> =
    change.deviceName === undefined ? [] : [[text.device, change.deviceName]]
  return changeNotice(language, brand, { subject, line }, change, device)
}
