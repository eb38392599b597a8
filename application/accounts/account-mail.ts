import { Effect } from "effect"
import type { Language } from "../../domain/accounts/profile.js"
import type { LicenseTerms } from "../../domain/licensing/license-events.js"
import { formatProductKey, type ProductKey } from "../../domain/licensing/product-key.js"
import { findProduct } from "../catalog/catalog-product.js"
import type { OutboxMessage } from "../event-log/event-store.js"
import { type MailPayload, mailJob, mailSealContext } from "../mail/mail-channel.js"
import { MailTransport, type MailTransportName } from "../mail/mail-transport.js"
import { productAdded, registrationComplete } from "../notifications/license-emails.js"
import type { Brand, RenderedMail } from "../notifications/mail-kit.js"
import { SecretBox } from "../platform/secret-box.js"
import { AccountSettings } from "./account-settings.js"

const payloadOf = (to: ReadonlyArray<string>, mail: RenderedMail): MailPayload => ({
  to: [to[0]!, ...to.slice(1)],
  subject: mail.subject,
  text: mail.text,
  html: mail.html,
})

/**
 * A rendered e-mail as an outbox message, written in the same transaction as the change it reports,
 * to be delivered by the transport this process is configured with (`MailTransport`) and no other.
 */
export const mailMessage = (
  transport: MailTransportName,
  to: ReadonlyArray<string>,
  mail: RenderedMail,
): OutboxMessage => mailJob(transport, payloadOf(to, mail))

/** The same, sealed under the server key while it waits: for mail that carries a secret (a reset link). */
export const sealedMailMessage = (to: ReadonlyArray<string>, mail: RenderedMail) =>
  Effect.gen(function* () {
    const sealed = yield* (yield* SecretBox).seal(JSON.stringify(payloadOf(to, mail)), mailSealContext)
    return mailJob(yield* MailTransport, { sealed })
  })

export const brandOf = Effect.map(
  AccountSettings,
  (settings): Brand => ({
    name: settings.brand.name,
    supportUrl: settings.brand.supportUrl,
    portalUrl: settings.publicUrl,
  }),
)

/** Only the last group of a key is shown in mail: a key is a bearer secret. */
export const maskKey = (key: ProductKey): string =>
  formatProductKey(key)
    .split("-")
    .map((group, index, all) => (index === all.length - 1 ? group : "X".repeat(group.length)))
    .join("-")

/** "Registration complete" (first key, new account) or "product added", to the support contact. */
export const licenseAddedMail = (input: {
  readonly kind: "registration" | "added"
  readonly to: string
  readonly language: Language
  readonly loginId: string
  readonly companyName: string | undefined
  readonly key: ProductKey
  readonly license: LicenseTerms
}) =>
  Effect.gen(function* () {
    const brand = yield* brandOf
    const product = yield* findProduct(input.license.productId)
    const names = product?.details.names ?? { ja: input.license.productId, en: input.license.productId }
    const packageNames = product?.details.packages.find((p) => p.id === input.license.packageId)?.names ?? {
      ja: input.license.packageId,
      en: input.license.packageId,
    }
    const data = {
      loginId: input.loginId,
      companyName: input.companyName,
      license: {
        productName: names[input.language],
        packageName: packageNames[input.language],
        seats: input.license.seats,
        licenseType: input.license.licenseType,
        expiresOn: input.license.expiresOn,
        maskedKey: maskKey(input.key),
      },
    }
    const render = input.kind === "registration" ? registrationComplete : productAdded
    return mailMessage(yield* MailTransport, [input.to], render(input.language, brand, data))
  })
