import { randomBytes } from "node:crypto"

/** A fresh nonce per response: the only inline script or style that runs is one this response names. */
export const newNonce = (): string => randomBytes(16).toString("base64")

/**
 * The portal's pages load only from the portal itself: its stylesheet and script, images (QR codes)
 * it serves, and the proof-of-work worker of the password-reset page. No third-party origin, no
 * inline script without the nonce, no framing.
 */
export const portalSecurityHeaders = (nonce: string): Record<string, string> => ({
  "content-security-policy": [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join("; "),
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  // Reset links carry their token in the path; no other site ever sees a portal URL.
  "referrer-policy": "same-origin",
  "cross-origin-opener-policy": "same-origin",
  "cache-control": "no-store",
})
