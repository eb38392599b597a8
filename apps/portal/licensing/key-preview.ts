import { Effect, Either, Schema } from "effect"
import { RegistrationRequest } from "../../../application/accounts/registration.js"
import { previewKeyFrom, type Registrability } from "../../../application/licensing/preview-key.js"
import type { LicenseType } from "../../../domain/licensing/license-events.js"
import { formatProductKey, parseProductKey } from "../../../domain/licensing/product-key.js"
import { addressOf } from "../../http/sessions/session-of.js"
import type { FieldProblem } from "../shell/components.js"
import { decodeForm, fieldProblems } from "../shell/form-fields.js"
import type { PageContext } from "../shell/page.js"
import { type Lang, shellTexts } from "../shell/texts.js"
import { licensingTexts } from "./licensing-texts.js"

// Both ways in (the first registration and adding a key) show a key the same way: typed, looked
// up (throttled per address), then 製品情報を確認 with the licence agreement. The key travels from
// step to step in the forms' bodies only, never in a URL (it registers a licence to whoever holds it).

export type KeyPreview = Effect.Effect.Success<ReturnType<typeof previewKeyFrom>>

/** A key that cannot go on: a problem of its field, or a throttled look-up (no field to blame). */
export type KeyRefusal =
  | { readonly _tag: "Field"; readonly problem: FieldProblem; readonly status: number }
  | { readonly _tag: "Throttled"; readonly message: string; readonly retryAfterSeconds: number }

export const keyFieldName = "licenseKey"

type KeyText =
  | "keyMissing"
  | "keyLength"
  | "keyCharacter"
  | "keyCheck"
  | "keyUnknown"
  | "keyRegistered"
  | "keyExpired"
  | "keySuspended"
  | "keyProductEnded"

// The messages name the key themselves, so they are shown without the field's label before them.
const refusedKey = (lang: Lang, text: KeyText, status: number): KeyRefusal => ({
  _tag: "Field",
  problem: { name: keyFieldName, message: licensingTexts[lang][text] },
  status,
})

const unregistrable = {
  already_registered: "keyRegistered",
  expired: "keyExpired",
  suspended: "keySuspended",
} as const satisfies Record<Exclude<Registrability, "registrable">, KeyText>

/** The preview of a key as typed, or why it cannot be registered, in the user's words. */
export const previewForPage = (context: PageContext, typed: string, timeZone: string) => {
  const lang = context.lang
  if (typed.trim() === "") {
    return Effect.succeed<Either.Either<KeyPreview, KeyRefusal>>(
      Either.left(refusedKey(lang, "keyMissing", 422)),
    )
  }
  return previewKeyFrom(typed, addressOf(context.request), timeZone).pipe(
    Effect.map(
      (preview): Either.Either<KeyPreview, KeyRefusal> =>
        preview.registrability === "registrable"
          ? Either.right(preview)
          : Either.left(refusedKey(lang, unregistrable[preview.registrability], 409)),
    ),
    Effect.catchTags({
      ProductKeyMalformed: (error) =>
        Effect.succeed(
          Either.left(
            refusedKey(
              lang,
              error.reason === "check"
                ? "keyCheck"
                : error.reason === "length"
                  ? "keyLength"
                  : "keyCharacter",
              422,
            ),
          ),
        ),
      ProductKeyUnknown: () => Effect.succeed(Either.left(refusedKey(lang, "keyUnknown", 404))),
      RateLimited: (error) =>
        Effect.succeed(
          Either.left<KeyRefusal>({
            _tag: "Throttled",
            message: shellTexts[lang].rateLimited(error.retryAfterSeconds),
            retryAfterSeconds: error.retryAfterSeconds,
          }),
        ),
    }),
    // A stream that cannot be read is no mistake of the user's: a 500 page.
    Effect.orDie,
  )
}

/** A refusal that comes from registering rather than previewing (the key was taken meanwhile). */
export const keyTakenRefusal = (lang: Lang, reason: KeyTakenReason) =>
  refusedKey(lang, takenText[reason], 409)

export type KeyTakenReason = "registered" | "expired" | "unknown" | "ended"

const takenText = {
  registered: "keyRegistered",
  expired: "keyExpired",
  unknown: "keyUnknown",
  ended: "keyProductEnded",
} as const satisfies Record<KeyTakenReason, KeyText>

/** The key as the manual prints it (`XX-XXXX-XXXX-XXXX-XXXX`), for the hidden field and the screen. */
export const printedKey = (typed: string): string =>
  Either.match(parseProductKey(typed), { onLeft: () => typed.trim(), onRight: formatProductKey })

/** The agreement as the use cases' schema states it: ticked, or the reason it must be. */
export const agreementProblems = (lang: Lang, form: Readonly<Record<string, string>>) =>
  decodeForm(Schema.Struct({ acceptEula: RegistrationRequest.fields.acceptEula }), {
    acceptEula: form.acceptEula === "on",
  }).pipe(
    Effect.match({
      onSuccess: (): ReadonlyArray<FieldProblem> => [],
      onFailure: (errors) => {
        const label = licensingTexts[lang].agreementLabel
        return fieldProblems(lang, errors, label === "" ? {} : { acceptEula: label })
      },
    }),
  )

export const licenseTypeText = (lang: Lang, type: typeof LicenseType.Type) => licensingTexts[lang][type]

/** `2021-03-31` as the manual prints it in Japanese (`2021/03/31`); ISO in English. */
export const printedDate = (lang: Lang, isoDate: string) =>
  lang === "ja" ? isoDate.replaceAll("-", "/") : isoDate
