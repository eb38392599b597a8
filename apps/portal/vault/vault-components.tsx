import type { Child } from "hono/jsx"
import { assetPath } from "../shell/assets.js"
import { Notice } from "../shell/components.js"
import { Layout } from "../shell/layout.js"
import type { PageContext } from "../shell/page.js"
import { vaultScriptTexts, vaultTexts } from "./vault-texts.js"

// What the vault's script pages share: the frame (the CSRF token for the API calls, the script, the
// words the script shows, and the <noscript> notice) and the client key with its QR and kit buttons.

export const vaultProduct = "id-protection" as const

/**
 * A screen the browser drives: the server renders every state (hidden until the script shows it),
 * so the words stay on the server and the script only switches them. Without JavaScript only the
 * notice shows. Its forms say `method="post"` to a path that takes no posts: should the script not
 * run, a password never ends up in an address.
 */
export const VaultScriptPage = (props: {
  readonly context: PageContext<"session">
  readonly title: string
  readonly script: string
  /** The words the script shows; the vault pages' own by default. */
  readonly texts?: Readonly<Record<string, string>>
  /** Shown above the script's part, with or without JavaScript (a product's end). */
  readonly notice?: Child
  /** More for the script to read, as `data-*` attributes of its root. */
  readonly data?: Readonly<Record<string, string>>
  readonly children: Child
}) => {
  const { context } = props
  const data = Object.fromEntries(Object.entries(props.data ?? {}).map(([k, v]) => [`data-${k}`, v]))
  return (
    <Layout
      chrome={context.chrome}
      title={props.title}
      scripts={[assetPath(props.script)]}
      meta={{ "csrf-token": context.chrome.csrfToken }}
    >
      {props.notice}
      <noscript>
        <Notice kind="error">{vaultTexts[context.lang].needsScript}</Notice>
      </noscript>
      <div
        id="vault"
        hidden
        data-vault
        data-lang={context.lang}
        data-login-id={context.session.account.loginId}
        data-scope={context.session.accountId}
        data-texts={JSON.stringify(props.texts ?? vaultScriptTexts[context.lang])}
        {...data}
      >
        {props.children}
      </div>
    </Layout>
  )
}

/** The key in six groups, its QR code, and the two kit files (manual 001: [PDF で保存], 画像). */
export const KeyPanel = (props: { readonly context: PageContext; readonly id: string }) => {
  const t = vaultTexts[props.context.lang]
  return (
    <div class="key-panel" data-key-panel id={props.id}>
      <p class="client-key" data-key-groups />
      <img class="key-qr" data-key-qr alt={t.qrAlt} width="180" height="180" />
      <div class="actions">
        <button type="button" class="button" data-save-pdf>
          {t.savePdf}
        </button>
        <button type="button" class="button button-secondary" data-save-png>
          {t.savePng}
        </button>
      </div>
    </div>
  )
}

/** The manuals' three notes under the key. */
export const KeyNotes = (props: { readonly context: PageContext }) => {
  const t = vaultTexts[props.context.lang]
  return (
    <ul class="key-notes">
      <li>{t.keyNotes1}</li>
      <li>{t.keyNotes2}</li>
      <li>{t.keyNotes3}</li>
    </ul>
  )
}

/** A message the script fills in (an error, a success). */
export const ScriptNotice = (props: { readonly name: string }) => (
  <div class="notice" data-notice={props.name} hidden role="status" aria-live="polite" />
)
