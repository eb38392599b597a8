import { createHash } from "node:crypto"
import type { WorkChallenge } from "../../application/platform/proof-of-work.js"

// What the ALTCHA widget does in the browser, done here: find the number behind the challenge and
// send back the payload it would put in its hidden field.

const unescapeHtml = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")

/** The challenge a page embeds in its widget (`challengejson`). */
export const challengeIn = (html: string): WorkChallenge => {
  const attribute = /challengejson="([^"]*)"/.exec(html)?.[1]
  if (attribute === undefined) throw new Error("no proof-of-work challenge in the page")
  return JSON.parse(unescapeHtml(attribute))
}

/** The widget's payload for a solved challenge; `tamper` changes it after solving. */
export const solve = (
  challenge: WorkChallenge,
  tamper: (payload: Record<string, unknown>) => void = () => {},
) => {
  for (let number = 0; number <= challenge.maxnumber; number++) {
    const hash = createHash("sha256").update(`${challenge.salt}${number}`).digest("hex")
    if (hash === challenge.challenge) {
      const payload: Record<string, unknown> = {
        algorithm: challenge.algorithm,
        challenge: challenge.challenge,
        number,
        salt: challenge.salt,
        signature: challenge.signature,
      }
      tamper(payload)
      return Buffer.from(JSON.stringify(payload)).toString("base64")
    }
  }
  throw new Error("the challenge has no solution below its maxnumber")
}
