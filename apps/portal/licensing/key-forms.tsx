import type { Child } from "hono/jsx"
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
import { Layout } from "../shell/layout.js"
import { type Chrome, html, type PageContext } from "../shell/page.js"
import { shellTexts } from "../shell/texts.js"
import {
  type KeyPreview,
  type KeyRefusal,
  keyFieldName,
  licenseTypeText,
  printedDate,
  printedKey,
} from "./key-preview.js"
import { licensingTexts } from "./licensing-texts.js"

// The screens of a key, the same for the first registration and for adding a key: the key as
// typed (with why it was refused), and 製品情報を確認 with the licence agreement.

/** The manual's 続行, and キャンセル where the step can be left. */
const ContinueOrCancel = (props: { readonly chrome: Chrome; readonly cancel: string | undefined }) => {
  const s = shellTexts[props.chrome.lang]
  return (
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
  )
}

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
        {preview.switchedFrom && (
          <p class="switched-from">
            {t.switchedFrom(preview.switchedFrom.names[lang], preview.product.names[lang])}
          </p>
        )}
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
  const _s = shellTexts[props.chrome.lang]
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
        <ContinueOrCancel chrome={props.chrome} cancel={props.cancel} />
      </form>
    </>
  )
}

/** The HTTP side of a key form's answer: its status, and how long to wait after a throttled look-up. */
const keyFormAnswer = (refusal: KeyRefusal | undefined) => ({
  status: refusal === undefined ? 200 : refusal._tag === "Field" ? refusal.status : 429,
  headers: refusal?._tag === "Throttled" ? { "retry-after": String(refusal.retryAfterSeconds) } : {},
})

interface KeyEntryProps {
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
}

/** The key as typed (ユーザ登録 Step 2, ライセンスキー), with why it was refused, if it was. */
const KeyEntryForm = (props: KeyEntryProps) => {
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
        <ContinueOrCancel chrome={props.chrome} cancel={props.cancel} />
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

/** The page of a key to type, in a panel (`panelClass` for a page's own styling). */
export const keyEntryPage = (
  context: PageContext,
  title: string,
  form: Omit<KeyEntryProps, "chrome">,
  panelClass = "panel",
) =>
  html(
    <Layout chrome={context.chrome} title={title}>
      <div class={panelClass}>
        <KeyEntryForm chrome={context.chrome} {...form} />
      </div>
    </Layout>,
    keyFormAnswer(form.refusal),
  )
