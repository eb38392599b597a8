import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { makeQrCodeRenderer } from "../../adapters/qr/qrcode-renderer.js"

const qr = makeQrCodeRenderer()
const uri = "otpauth://totp/Portcullis:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Portcullis"
const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

describe("QR code renderer (qrcode adapter)", () => {
  it("renders an SVG document with a path", async () => {
    const svg = await Effect.runPromise(qr.svg(uri))
    expect(svg.trimStart().startsWith("<svg")).toBe(true)
    expect(svg).toContain("<path")
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true)
  })

  it("renders a PNG image", async () => {
    const png = await Effect.runPromise(qr.png(uri))
    expect(png).toBeInstanceOf(Uint8Array)
    expect([...png.subarray(0, 8)]).toEqual(pngSignature)
    expect(png.length).toBeGreaterThanOrEqual(500)
  })

  it("gives different images for different texts", async () => {
    const other = uri.replace("JBSWY3DPEHPK3PXP", "KRSXG5CTMVRXEZLU")
    const [svgA, svgB, pngA, pngB] = await Effect.runPromise(
      Effect.all([qr.svg(uri), qr.svg(other), qr.png(uri), qr.png(other)]),
    )
    expect(svgA).not.toBe(svgB)
    expect(Buffer.from(pngA).equals(Buffer.from(pngB))).toBe(false)
  })
})
