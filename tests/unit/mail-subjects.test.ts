import { describe, expect, it } from "vitest"
import {
  accountInformationChanged,
  emailAddressChanged,
  passwordChanged,
  passwordResetLink,
} from "../../application/notifications/account-emails.js"
import { consoleUpgradeVerificationCode } from "../../application/notifications/console-upgrade-emails.js"
import {
  provisioningReady,
  updateFailedForNow,
  updateFinished,
} from "../../application/notifications/instance-emails.js"
import { productAdded, registrationComplete } from "../../application/notifications/license-emails.js"
import type { MailLanguage, RenderedMail } from "../../application/notifications/mail-kit.js"
import {
  primaryEmailVerificationCode,
  primaryUserAccountReady,
} from "../../application/notifications/primary-user-emails.js"
import { switchCompleted } from "../../application/notifications/switch-emails.js"
import {
  emergencyAccessCode,
  type TwoFactorNotice,
  twoFactorNotice,
  twoFactorVerificationCode,
} from "../../application/notifications/two-factor-emails.js"
import { type VaultNotice, vaultNotice } from "../../application/notifications/vault-emails.js"
import { brand, change, facts } from "../support/mail-expectations.js"

const notices: ReadonlyArray<TwoFactorNotice> = [
  "enabled",
  "disabled",
  "disabledBySupport",
  "deviceChanged",
  "emergencyLogin",
]

const vaultNotices: ReadonlyArray<VaultNotice> = [
  "activated",
  "keyRotated",
  "reset",
  "resetBySupport",
  "deviceUnlocked",
]

const instance = {
  instanceName: "Trend Micro Apex One as a Service",
  instancesUrl: "https://x.test/instances",
}

// Every mail the service sends, in one language.
const everyMail = (language: MailLanguage): ReadonlyArray<readonly [string, RenderedMail]> => [
  ["accountInformationChanged", accountInformationChanged(language, brand, { ...change, part: "user" })],
  [
    "passwordResetLink",
    passwordResetLink(language, brand, { loginId: "a", link: "https://x.test/r", validMinutes: 30 }),
  ],
  ["passwordChanged", passwordChanged(language, brand, change)],
  [
    "emailAddressChanged",
    emailAddressChanged(language, brand, {
      ...change,
      recipient: "new",
      oldAddress: "a@x.test",
      newAddress: "b@x.test",
    }),
  ],
  ["registrationComplete", registrationComplete(language, brand, facts)],
  ["productAdded", productAdded(language, brand, facts)],
  [
    "twoFactorVerificationCode",
    twoFactorVerificationCode(language, brand, { code: "123456", validMinutes: 10 }),
  ],
  ["emergencyAccessCode", emergencyAccessCode(language, brand, { code: "87654321", validMinutes: 10 })],
  ...notices.map(
    (notice) => [`twoFactorNotice ${notice}`, twoFactorNotice(language, brand, notice, change)] as const,
  ),
  ...vaultNotices.map(
    (notice) => [`vaultNotice ${notice}`, vaultNotice(language, brand, notice, change)] as const,
  ),
  [
    "switchCompleted",
    switchCompleted(language, brand, {
      productName: "Password Manager",
      successorName: "ID Protection",
      expiresOn: "2026-03-31",
      resultUrl: "https://x.test/switch",
      otherLicences: ["app-store"],
    }),
  ],
  [
    "primaryEmailVerificationCode",
    primaryEmailVerificationCode(language, brand, {
      code: "123456",
      validMinutes: 15,
      originalAccount: "aaa",
    }),
  ],
  ["primaryUserAccountReady", primaryUserAccountReady(language, brand, { ...change, email: "aaa@test.com" })],
  [
    "consoleUpgradeVerificationCode",
    consoleUpgradeVerificationCode(language, brand, { code: "123456", validMinutes: 15, userName: "sato" }),
  ],
  ["provisioningReady", provisioningReady(language, brand, instance)],
  ["updateFinished", updateFinished(language, brand, { ...instance, productName: "SEP", consoleUsers: 1 })],
  [
    "updateFailedForNow",
    updateFailedForNow(language, brand, {
      ...instance,
      retryAt: "2026-12-01T09:30:00.000Z",
      timeZone: "Asia/Tokyo",
    }),
  ],
]

describe("mail subjects", () => {
  // One style: the brand first, in the language's brackets, then the subject, with no closing full stop.
  const styles = [
    ["ja", /^【Portcullis】[^【\s][^【]*[^。.\s]$/],
    ["en", /^\[Portcullis\] [A-Z0-9][^[]*[^.\s]$/],
  ] as const

  for (const [language, style] of styles) {
    it(`every mail in ${language} opens with the brand and has no full stop`, () => {
      const subjects = everyMail(language).map(([name, mail]) => [name, mail.subject])
      expect(subjects.filter(([, subject]) => !style.test(subject!))).toEqual([])
      // The brand is named once: the prefix says it, the rest does not repeat it.
      expect(subjects.filter(([, subject]) => subject!.split("Portcullis").length !== 2)).toEqual([])
    })
  }
})
