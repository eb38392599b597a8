// The emergency kit as an A4 PDF (pdf-lib + fontkit). The key is drawn in Courier, a standard font,
// so it is plain text in the file: it can be searched and copied, and tests read it back.
import fontkit from "@pdf-lib/fontkit"
import { PDFDocument, rgb, StandardFonts } from "pdf-lib"
import { kitPdfFileName } from "./file-names.js"
import { type EmergencyKit, type KitFile, kitContent, kitFontBytes, wrapText } from "./kit-layout.js"

const [pageWidth, pageHeight] = [595.28, 841.89]
const margin = 56
const ink = rgb(0, 0, 0)
const grey = rgb(0.35, 0.35, 0.35)

export const emergencyKitPdf = async (kit: EmergencyKit): Promise<KitFile> => {
  const { copy, keyLines, fields, qr } = kitContent(kit)
  const doc = await PDFDocument.create()
  doc.registerFontkit(fontkit)
  // Fixed metadata: nothing about the customer or the key goes into the document's info.
  doc.setTitle(copy.title)
  doc.setCreator("Portcullis vault client")
  doc.setProducer("Portcullis vault client")
  const text = await doc.embedFont(kitFontBytes(), { subset: false })
  const mono = await doc.embedFont(StandardFonts.CourierBold)
  const page = doc.addPage([pageWidth, pageHeight])
  let y = pageHeight - margin - 20

  page.drawText(copy.title, { x: margin, y, size: 20, font: text, color: ink })
  y -= 44
  page.drawText(copy.keyLabel, { x: margin, y, size: 11, font: text, color: grey })
  for (const line of keyLines) {
    y -= 30
    page.drawText(line, { x: margin, y, size: 22, font: mono, color: ink })
  }

  const cell = 4
  const qrTop = y - 24
  for (let row = 0; row < qr.size; row++) {
    for (let col = 0; col < qr.size; col++) {
      if (qr.get(row, col)) {
        page.drawRectangle({
          x: margin + col * cell,
          y: qrTop - (row + 1) * cell,
          width: cell,
          height: cell,
          color: ink,
        })
      }
    }
  }
  let fieldY = qrTop - 12
  const fieldX = margin + qr.size * cell + 32
  for (const [label, value] of fields) {
    page.drawText(label, { x: fieldX, y: fieldY, size: 10, font: text, color: grey })
    page.drawText(value, { x: fieldX, y: fieldY - 18, size: 13, font: text, color: ink })
    fieldY -= 46
  }

  y = qrTop - qr.size * cell - 36
  const width = (s: string) => text.widthOfTextAtSize(s, 11)
  for (const paragraph of copy.paragraphs) {
    for (const line of wrapText(paragraph, pageWidth - 2 * margin, width)) {
      page.drawText(line, { x: margin, y, size: 11, font: text, color: ink })
      y -= 17
    }
    y -= 9
  }
  return { fileName: kitPdfFileName(), mediaType: "application/pdf", bytes: await doc.save() }
}
