import fontkit from "@pdf-lib/fontkit"
import jsQRModule from "jsqr"
import { decodePDFRawStream, PDFDocument, PDFRawStream, type PDFStream } from "pdf-lib"
import { PNG } from "pngjs"
import { describe, expect, it } from "vitest"
import {
  emergencyKitPdf,
  emergencyKitPng,
  formatClientKey,
  generateClientKey,
  kitCopy,
  parseKitQrPayload,
} from "../../apps/vault-client/index.js"
import { kitFontBytes } from "../../apps/vault-client/kit/kit-layout.js"

// jsqr is CommonJS with an ES-style default: under NodeNext the import is its module object.
const jsQR = jsQRModule.default

const kit = (language: "ja" | "en") => ({
  clientKey: generateClientKey(),
  loginId: "hanako@example.jp",
  keyVersion: 2,
  createdOn: "2026-12-02",
  language,
})

// The strings a page shows: pdf-lib writes each line as one `<hex> Tj`, in Courier as WinAnsi bytes.
const shownStrings = async (bytes: Uint8Array) => {
  const doc = await PDFDocument.load(bytes)
  const page = doc.getPages()[0]!
  const contents = page.node.Contents()!
  const refs = "asArray" in contents ? contents.asArray() : [contents]
  let text = ""
  for (const ref of refs) {
    const stream = doc.context.lookup(ref) as PDFStream
    const data = stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents()
    text += new TextDecoder("latin1").decode(data)
  }
  return {
    doc,
    shown: [...text.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g)].map((m) =>
      Buffer.from(m[1]!, "hex").toString("latin1"),
    ),
  }
}

describe("the emergency kit", () => {
  it("is a PDF that opens and prints the key in readable groups, named as the manual says", async () => {
    for (const language of ["ja", "en"] as const) {
      const k = kit(language)
      const file = await emergencyKitPdf(k)
      expect(file.fileName).toMatch(/^ID Protection client key \d{5}\.pdf$/)
      expect(file.mediaType).toBe("application/pdf")
      const { doc, shown } = await shownStrings(file.bytes)
      const printed = formatClientKey(k.clientKey)
      expect(shown).toContain(printed.slice(0, 20))
      expect(shown).toContain(printed.slice(21))
      expect(doc.getTitle()).toBe(kitCopy[language].title)
      // The document's info never carries the key.
      expect(
        `${doc.getTitle()}${doc.getCreator()}${doc.getProducer()}${doc.getSubject() ?? ""}`,
      ).not.toContain(k.clientKey.canonical.slice(1, 7))
    }
  })

  it("is a PNG whose QR code gives the key back", async () => {
    for (const language of ["ja", "en"] as const) {
      const k = kit(language)
      const file = await emergencyKitPng(k)
      expect(file.fileName).toMatch(/^IDP_CLIENT_KEY_EMERGENCY_KIT\d{7}\.png$/)
      const image = PNG.sync.read(Buffer.from(file.bytes))
      expect([image.width, image.height]).toEqual([1080, 1920])
      const code = jsQR(new Uint8ClampedArray(image.data), image.width, image.height)
      expect(code?.data).toBe(`IDP-CLIENT-KEY:${k.clientKey.canonical}`)
      expect(parseKitQrPayload(code?.data ?? "")).toEqual({ ok: true, key: k.clientKey })
    }
  })

  it("has a font with every character of its copy (regenerate it with scripts/subset-kit-font.mjs)", () => {
    const font = fontkit.create(kitFontBytes())
    const text = JSON.stringify(kitCopy) + "0123456789ABCDEFGHJKMNPQRSTUVWXYZ-:@."
    const missing = [...new Set(text)].filter((c) => !font.hasGlyphForCodePoint(c.codePointAt(0)!))
    expect(missing).toEqual([])
    // A glyph fontkit misreads comes out as a stray stroke of two commands (decision 42).
    const degenerate = [...new Set(text)].filter(
      (c) =>
        c.trim() !== "" &&
        (font.glyphForCodePoint(c.codePointAt(0)!).path as unknown as { commands: unknown[] }).commands
          .length < 4,
    )
    expect(degenerate).toEqual([])
  })
})
