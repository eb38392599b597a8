import { Effect, Layer } from "effect"
import QRCode from "qrcode"
import { QrCode, type QrCodeApi } from "../../application/platform/qr-code.js"

// Level M survives a smudged screen or a glare spot; margin 4 is the quiet zone the standard requires.
const common = { errorCorrectionLevel: "M", margin: 4 } as const

export const makeQrCodeRenderer = (): QrCodeApi => ({
  // We render our own short texts (URIs, keys), which always fit a QR code; a failure is a defect.
  svg: (text) => Effect.promise(() => QRCode.toString(text, { type: "svg", ...common })),
  png: (text) =>
    Effect.promise(() => QRCode.toBuffer(text, { type: "png", ...common, scale: 8 })).pipe(
      Effect.map((buffer) => new Uint8Array(buffer)),
    ),
})

export const QrCodeRendererLive = Layer.succeed(QrCode, makeQrCodeRenderer())
