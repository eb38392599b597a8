// What both kit files show, in one place: the PDF and the PNG differ only in how they draw it.
import QRCode from "qrcode"
import { fromBase64Url } from "../crypto/bytes.js"
import { type ClientKey, clientKeyGroups, kitQrPayload } from "../key/client-key.js"
import { type KitLanguage, kitCopy } from "./kit-copy.js"
import { kitFontBase64 } from "./kit-font.js"

export interface EmergencyKit {
  readonly clientKey: ClientKey
  /** The account's sign-in address (always ASCII). */
  readonly loginId: string
  readonly keyVersion: number
  /** `YYYY-MM-DD`, the customer's date. */
  readonly createdOn: string
  readonly language: KitLanguage
}

export interface KitFile {
  readonly fileName: string
  readonly mediaType: "application/pdf" | "image/png"
  readonly bytes: Uint8Array
}

export const kitFontBytes = (): Uint8Array<ArrayBuffer> =>
  fromBase64Url(kitFontBase64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""))

export const kitContent = (kit: EmergencyKit) => {
  const copy = kitCopy[kit.language]
  const groups = clientKeyGroups(kit.clientKey)
  return {
    copy,
    // Two lines of three groups, so the key stays large enough to read and type.
    keyLines: [groups.slice(0, 3).join("-"), groups.slice(3).join("-")] as const,
    fields: [
      [copy.loginLabel, kit.loginId],
      [copy.createdLabel, kit.createdOn],
      [copy.versionLabel, String(kit.keyVersion)],
    ] as const,
    qr: QRCode.create(kitQrPayload(kit.clientKey), { errorCorrectionLevel: "M" }).modules,
  }
}

/**
 * Greedy line breaking: at spaces in English, between any two characters in Japanese (where no
 * space separates words); good enough for the kit's few fixed sentences.
 */
export const wrapText = (text: string, maxWidth: number, width: (s: string) => number): string[] => {
  const pieces = text.match(/[\x21-\x7e]+\s*|\s+|[^\x21-\x7e\s]/g) ?? []
  const lines: string[] = []
  let line = ""
  for (const piece of pieces) {
    if (line !== "" && width((line + piece).trimEnd()) > maxWidth) {
      lines.push(line.trimEnd())
      line = piece.trimStart()
    } else line += piece
  }
  if (line.trim() !== "") lines.push(line.trimEnd())
  return lines
}
