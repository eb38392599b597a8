import { Effect, Either, Schema } from "effect"
import type { Child } from "hono/jsx"
import { RegistrationRequest } from "../../../application/accounts/registration.js"
import { previewKeyFrom, type Registrability } from "../../../application/licensing/preview-key.js"
import type { LicenseType } from "../../../domain/licensing/license-events.js"
import { formatProductKey, parseProductKey } from "../../../domain/licensing/product-key.js"
import { addressOf } from "../../http/sessions/session-of.js"
import { portalPaths } from "../portal-paths.js"
import {
  Actions,
  Checkbox,
  CsrfField,
  ErrorSummary,
  Field,
  type FieldProblem,
  Notice,
} from "../shell/components.js"
import { decodeForm, fieldProblems } from "../shell/form-fields.js"
import { Layout } from "../shell/layout.js"
import { type Chrome, html, type PageContext } from "../shell/page.js"
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
export const keyTakenRefusal = (lang: Lang, reason: "registered" | "expired" | "unknown") =>
  refusedKey(
    lang,
    reason === "registered" ? "keyRegistered" : reason === "expired" ? "keyExpired" : "keyUnknown",
    409,
  )

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

/** 製品情報を確認: what the key opens, then the licence agreement to tick. */
const KeyConfirmation = (props: {
  readonly chrome: Chrome
  readonly typedKey: string
  readonly preview: KeyPreview
  readonly problems: ReadonlyArray<FieldProblem>
}) => {
  const { lang } = props.chrome
  const t = licensingTexts[lang]
  const { preview } = props
  return (
    <>
      <div class="panel key-confirmation">
        <p class="key-line">
          {t[preview.kind]}: <span class="key">{printedKey(props.typedKey)}</span>
        </p>
        <h2>{preview.product.names[lang]}</h2>
        <dl class="facts">
          <dt>{t.package}</dt>
          <dd>{preview.package.names[lang]}</dd>
          <dt>{t.seats}</dt>
          <dd>{preview.seats}</dd>
          <dt>{t.expiresOn}</dt>
          <dd>{printedDate(lang, preview.expiresOn)}</dd>
          <dt>{t.licenseType}</dt>
          <dd>{licenseTypeText(lang, preview.licenseType)}</dd>
        </dl>
      </div>
      <input type="hidden" name={keyFieldName} value={printedKey(props.typedKey)} />
      <Checkbox name="acceptEula" label={t.accept} problems={props.problems} required />
      <p class="agreement-link">
        <a href={portalPaths.privacy} target="_blank" rel="noopener">
          {t.privacyLink}
          <span class="visually-hidden">{t.newTab}</span>
        </a>
      </p>
    </>
  )
}

/** The confirmation as a form: 続行 posts the key and the agreement to `action`, キャンセル goes back. */
const KeyConfirmationForm = (props: {
  readonly chrome: Chrome
  readonly action: string
  readonly cancel: string
  readonly typedKey: string
  readonly preview: KeyPreview
  readonly problems: ReadonlyArray<FieldProblem>
}) => {
  const s = shellTexts[props.chrome.lang]
  return (
    <>
      <ErrorSummary chrome={props.chrome} problems={props.problems} />
      <form method="post" action={props.action} novalidate>
        <CsrfField chrome={props.chrome} />
        <KeyConfirmation
          chrome={props.chrome}
          typedKey={props.typedKey}
          preview={props.preview}
          problems={props.problems}
        />
        <Actions>
          <button type="submit" class="button">
            {s.continue}
          </button>
          <a class="button button-secondary" href={props.cancel}>
            {s.cancel}
          </a>
        </Actions>
      </form>
    </>
  )
}

/** The HTTP side of a key form's answer: its status, and how long to wait after a throttled look-up. */
export const keyFormAnswer = (refusal: KeyRefusal | undefined) => ({
  status: refusal === undefined ? 200 : refusal._tag === "Field" ? refusal.status : 429,
  headers: refusal?._tag === "Throttled" ? { "retry-after": String(refusal.retryAfterSeconds) } : {},
})

/** The key as typed (ユーザ登録 Step 2, ライセンスキー), with why it was refused, if it was. */
export const KeyEntryForm = (props: {
  readonly chrome: Chrome
  readonly action: string
  readonly label: string
  readonly hint: string
  readonly typed: string
  readonly refusal: KeyRefusal | undefined
  /** Shown above the form (the manual's question and note). */
  readonly intro?: Child
  /** Inputs before the key (the choice between signing in and registering). */
  readonly before?: Child
  readonly cancel?: string
}) => {
  const s = shellTexts[props.chrome.lang]
  const { refusal } = props
  const problems: ReadonlyArray<FieldProblem> = refusal?._tag === "Field" ? [refusal.problem] : []
  return (
    <>
      <ErrorSummary chrome={props.chrome} problems={problems} />
      {refusal?._tag === "Throttled" ? <Notice kind="error">{refusal.message}</Notice> : null}
      {props.intro}
      <form method="post" action={props.action} novalidate>
        <CsrfField chrome={props.chrome} />
        {props.before}
        <div class="key-field">
          <Field
            chrome={props.chrome}
            name={keyFieldName}
            label={props.label}
            hint={props.hint}
            value={props.typed}
            required
            autocomplete="off"
            size="long"
            problems={problems}
          />
        </div>
        <Actions>
          <button type="submit" class="button">
            {s.continue}
          </button>
          {props.cancel === undefined ? null : (
            <a class="button button-secondary" href={props.cancel}>
              {s.cancel}
            </a>
          )}
        </Actions>
      </form>
    </>
  )
}

/** The page of 製品情報を確認, shown again with the agreement's refusal when it was not ticked. */
export const keyConfirmationPage = (
  context: PageContext,
  steps: { readonly action: string; readonly cancel: string },
  typed: string,
  preview: KeyPreview,
  problems: ReadonlyArray<FieldProblem> = [],
) =>
  html(
    <Layout chrome={context.chrome} title={licensingTexts[context.lang].confirmTitle}>
      <KeyConfirmationForm
        chrome={context.chrome}
        action={steps.action}
        cancel={steps.cancel}
        typedKey={typed}
        preview={preview}
        problems={problems}
      />
    </Layout>,
    { status: problems.length === 0 ? 200 : 422 },
  )
