// The emergency kit as a 1080×1920 portrait PNG, the shape of a phone's screenshot, to keep in the
// photo library; encoded by fast-png (pure JS on fflate).
import fontkit from "@pdf-lib/fontkit"
import { encode } from "fast-png"
import { kitPngFileName } from "./file-names.js"
import { type EmergencyKit, type KitFile, kitContent, kitFontBytes, wrapText } from "./kit-layout.js"
import { Raster } from "./kit-raster.js"

const [width, height] = [1080, 1920]
const margin = 80

export const emergencyKitPng = async (kit: EmergencyKit): Promise<KitFile> => {
  const { copy, keyLines, fields, qr } = kitContent(kit)
  const font = fontkit.create(kitFontBytes())
  const raster = new Raster(width, height)
  let y = 170
  raster.text(font, copy.title, margin, y, 54)
  y += 110
  raster.text(font, copy.keyLabel, margin, y, 36)
  for (const line of keyLines) {
    y += 90
    raster.text(font, line, margin, y, 66)
  }
  // 12 pixels a module, with the quiet zone the decoders expect.
  const cell = 12
  const qrX = Math.round((width - qr.size * cell) / 2)
  const qrY = y + 70
  for (let row = 0; row < qr.size; row++) {
    for (let col = 0; col < qr.size; col++)
      if (qr.get(row, col)) raster.rectangle(qrX + col * cell, qrY + row * cell, cell, cell)
  }
  y = qrY + qr.size * cell + 90
  for (const [label, value] of fields) {
    raster.text(font, `${label}: ${value}`, margin, y, 36)
    y += 56
  }
  y += 20
  const measure = (s: string) => font.layout(s).advanceWidth * (32 / font.unitsPerEm)
  for (const paragraph of copy.paragraphs) {
    for (const line of wrapText(paragraph, width - 2 * margin, measure)) {
      raster.text(font, line, margin, y, 32)
      y += 48
    }
    y += 18
  }
  const bytes = encode({ width, height, data: raster.grey(), channels: 1, depth: 8 })
  return { fileName: kitPngFileName(), mediaType: "image/png", bytes }
}
