import { Context } from "effect"

/**
 * Time-based one-time passwords (RFC 6238) with the parameters every authenticator app accepts:
 * HMAC-SHA1, 6 digits, 30-second steps. Pure computation; the secret comes from SecureRandom.
 */
export interface TotpApi {
  /** `otpauth://totp/<issuer>:<label>?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30`. */
  readonly uri: (secretBase32: string, names: { readonly issuer: string; readonly label: string }) => string
  /** The 30-second step that `atMs` falls in (Unix time / 30 s, rounded down). */
  readonly stepAt: (atMs: number) => number
  /** The code of one step; for tests and for checking a candidate step. */
  readonly codeAt: (secretBase32: string, step: number) => string
  /**
   * The step, among `stepAt(atMs)` and `window` steps either side, whose code is `code`; undefined
   * when none is (or the code is not six digits). Codes are compared in constant time.
   */
  readonly matchingStep: (
    secretBase32: string,
    code: string,
    atMs: number,
    window: number,
  ) => number | undefined
}

export class Totp extends Context.Tag("application/Totp")<Totp, TotpApi>() {}
