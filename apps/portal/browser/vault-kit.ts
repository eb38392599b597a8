// The kit's heavy parts, loaded only when a page shows a key or reads a QR image: the PDF and PNG
// kits (pdf-lib, fontkit, the subset font), the QR encoder, and jsQR (decision 43).
import jsQRModule from "jsqr"
import QRCode from "qrcode"
import { type ClientKey, kitQrPayload, parseKitQrPayload } from "../../vault-client/key/client-key.js"
import type { EmergencyKit, KitFile } from "../../vault-client/kit/kit-layout.js"
import { emergencyKitPdf } from "../../vault-client/kit/kit-pdf.js"
import { emergencyKitPng } from "../../vault-client/kit/kit-png.js"

export type { KitFile }

export const kitPdf = (kit: EmergencyKit): Promise<KitFile> => emergencyKitPdf(kit)
export const kitPng = (kit: EmergencyKit): Promise<KitFile> => emergencyKitPng(kit)

/** The kit's QR code (the same payload as the files') as an image address for the page. */
export const qrDataUrl = (key: ClientKey): Promise<string> =>
  QRCode.toDataURL(kitQrPayload(key), { errorCorrectionLevel: "M", margin: 2, width: 360 })

// jsqr is CommonJS with an ES-style default; bundlers hand over either the function or its module.
type Decode = (data: Uint8ClampedArray, width: number, height: number) => { readonly data: string } | null
const jsQR: Decode =
  typeof jsQRModule === "function"
    ? (jsQRModule as unknown as Decode)
    : (jsQRModule as unknown as { readonly default: Decode }).default

/** Reads the key from an image of the kit (the PNG, a photo of the PDF): its parse, or undefined with no QR code in it. */
export const readKitImage = async (file: Blob) => {
  const bitmap = await createImageBitmap(file)
  const canvas = document.createElement("canvas")
  canvas.width = bitmap.width
  canvas.height = bitmap.height
  const context = canvas.getContext("2d")
  if (context === null) return undefined
  context.drawImage(bitmap, 0, 0)
  const pixels = context.getImageData(0, 0, bitmap.width, bitmap.height)
  const found = jsQR(pixels.data, pixels.width, pixels.height)
  return found === null ? undefined : parseKitQrPayload(found.data)
}
