// The kit's file names as the manual prints them: `ID Protection client key xxxxx.pdf` and
// `IDP_CLIENT_KEY_EMERGENCY_KITXXXXXXX.png`, "X は数字です". The digits are random and say nothing.

const digits = (count: number) => {
  let out = ""
  while (out.length < count) {
    // Bytes ≥ 250 are redrawn, so each digit is uniform.
    for (const byte of globalThis.crypto.getRandomValues(new Uint8Array(count))) {
      if (byte < 250 && out.length < count) out += String(byte % 10)
    }
  }
  return out
}

export const kitPdfFileName = (): string => `ID Protection client key ${digits(5)}.pdf`
export const kitPngFileName = (): string => `IDP_CLIENT_KEY_EMERGENCY_KIT${digits(7)}.png`
