import { Context, type Effect } from "effect"

/** QR codes for text a phone should scan (an otpauth URI, a client key). */
export interface QrCodeApi {
  /** A standalone SVG document. */
  readonly svg: (text: string) => Effect.Effect<string>
  /** A PNG image. */
  readonly png: (text: string) => Effect.Effect<Uint8Array>
}

export class QrCode extends Context.Tag("application/QrCode")<QrCode, QrCodeApi>() {}
