// The 2FA HTTP tests' kit: an authenticator app from the RFCs, the mailed codes, the whole set-up.
import { createHmac } from "node:crypto"
import { expect } from "vitest"
import type { SmtpTestServer } from "../support/smtp-test-server.js"
import { json } from "./customer-app.js"
import type { callsTo } from "./customer-calls.js"

type Api = { readonly deliverMail: () => Promise<unknown> }
type Call = ReturnType<typeof callsTo>["call"]

export const twoFactorKit = (api: () => Api, smtp: () => SmtpTestServer, call: Call) => {
  // An authenticator app, written here from RFC 6238 and RFC 4226 with node:crypto alone.
  const base32Decode = (text: string) => {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    let bits = 0
    let value = 0
    const out: Array<number> = []
    for (const char of text.replace(/[\s=]/g, "").toUpperCase()) {
      value = (value << 5) | alphabet.indexOf(char)
      bits += 5
      if (bits >= 8) {
        out.push((value >>> (bits - 8)) & 255)
        bits -= 8
      }
    }
    return Buffer.from(out)
  }
  const totp = (secret: string, step: number) => {
    const counter = Buffer.alloc(8)
    counter.writeBigUInt64BE(BigInt(step))
    const mac = createHmac("sha1", base32Decode(secret)).update(counter).digest()
    const offset = mac[mac.length - 1]! & 15
    return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0")
  }
  const stepNow = () => Math.floor(Date.now() / 30_000)

  const mailTo = async (address: string, subject: RegExp) => {
    await api().deliverMail()
    const mail = smtp().received.findLast(
      (m) => m.envelopeTo.includes(address) && subject.test(m.mail.subject ?? ""),
    )
    expect(mail, `a mail to ${address} matching ${subject}`).toBeDefined()
    return mail!.mail.text ?? ""
  }
  const codeIn = (text: string, digits: number) =>
    new RegExp(`(?<!\\d)(\\d{${digits}})(?!\\d)`).exec(text)?.[1]

  /** The whole set-up, as a user does it; answers the secret and the recovery codes. */
  const enable = async (token: string, email: string) => {
    expect((await call("/v1/account/two-factor/verification-email", json("POST", {}, token))).status).toBe(
      202,
    )
    const emailCode = codeIn(await mailTo(email, /確認コード|verification code/i), 6)!
    const enrolled = await call("/v1/account/two-factor/enrollment", json("POST", { emailCode }, token))
    expect(enrolled.status).toBe(201)
    const secret = enrolled.body.secret as string
    const activated = await call(
      "/v1/account/two-factor/activation",
      json("POST", { code: totp(secret, stepNow()) }, token),
    )
    expect(activated.status).toBe(200)
    return { secret, recoveryCodes: activated.body.recoveryCodes as Array<string>, activatedStep: stepNow() }
  }

  const challengeFor = async (form: { loginId: string; password: string }) => {
    const login = await call("/v1/sessions", json("POST", { loginId: form.loginId, password: form.password }))
    expect(login.status).toBe(200)
    expect(login.body.twoFactorRequired).toBe(true)
    expect(login.body.token).toBeUndefined()
    return login.body.challenge.id as string
  }
  return { totp, stepNow, mailTo, codeIn, enable, challengeFor }
}
