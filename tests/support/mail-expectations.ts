// What every mail test checks: facts in text and HTML alike, labelled facts, safe HTML.
import { expect } from "vitest"
import type { LicenseMailFacts } from "../../application/notifications/license-emails.js"
import type { Brand, RenderedMail } from "../../application/notifications/mail-kit.js"
import { escapeHtml } from "../../application/notifications/mail-layout.js"

export const brand: Brand = {
  name: "Portcullis",
  supportUrl: "https://support.example.com/portcullis",
  portalUrl: "https://portal.example.com/",
}

export const facts: LicenseMailFacts = {
  loginId: "ecss_sample",
  companyName: "株式会社サンプル",
  license: {
    productName: "Trend Micro Cloud App Security",
    packageName: "Cloud App Security ATP and DLP",
    seats: 1200,
    licenseType: "full",
    expiresOn: "2027-03-31",
    maskedKey: "XX-XXXX-****-****-1234",
  },
}

export const hostile = "<script>alert(1)</script>"
export const change = { changedAt: "2026-03-31T15:30:00Z", timeZone: "Asia/Tokyo" }

/** The fact must be in the text as written and in the HTML escaped. */
export const expectBoth = (mail: RenderedMail, ...facts: ReadonlyArray<string>) => {
  for (const fact of facts) {
    expect(mail.text).toContain(fact)
    expect(mail.html).toContain(escapeHtml(fact))
  }
}

/** A labelled fact: one "label: value" line in the text, a <dt>/<dd> pair in the HTML. */
export const expectFacts = (mail: RenderedMail, ...facts: ReadonlyArray<readonly [string, string]>) => {
  for (const [label, value] of facts) {
    expect(mail.text).toContain(`\n${label}: ${value}\n`)
    expect(mail.html).toMatch(
      new RegExp(
        `>${escapeRegExp(escapeHtml(label))}:</dt> <dd[^>]*>${escapeRegExp(escapeHtml(value))}</dd>`,
      ),
    )
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

export const expectSafeHtml = (mail: RenderedMail) => {
  expect(mail.html).not.toContain("<script")
  expect(mail.html).not.toContain("<table")
  expect(mail.subject).not.toMatch(/[\r\n]/)
}
