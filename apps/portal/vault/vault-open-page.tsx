import { Effect } from "effect"
import { vaultStatus } from "../../../application/vault/index.js"
import { portalPaths } from "../portal-paths.js"
import { Actions } from "../shell/components.js"
import { definePage, html, type PageContext, redirect } from "../shell/page.js"
import { KeyNotes, KeyPanel, ScriptNotice, VaultScriptPage, vaultProduct } from "./vault-components.js"
import { vaultScriptTexts, vaultTexts } from "./vault-texts.js"

// The vault itself (manual 001): locked, it takes the password (and, on a device that keeps no key,
// the key typed or read from the kit's QR image); unlocked, the items decrypted in the browser, the
// QR icon at the top right that shows the key again, and the key change. The script drives it.

/** A field the script checks: its label, hint and error wired as `Field` wires them. */
const ScriptField = (props: {
  readonly id: string
  readonly label: string
  readonly hint?: string
  readonly type?: "text" | "password" | "url"
  readonly autocomplete?: string
  readonly children?: never
}) => (
  <div class="field">
    <label for={props.id}>{props.label}</label>
    {props.hint ? (
      <p class="hint" id={`${props.id}-hint`}>
        {props.hint}
      </p>
    ) : null}
    <p class="field-error" id={`${props.id}-error`} hidden />
    <input
      id={props.id}
      name={props.id}
      type={props.type ?? "text"}
      autocomplete={props.autocomplete ?? "off"}
      aria-describedby={props.hint ? `${props.id}-hint` : undefined}
    />
  </div>
)

const vaultScreen = (context: PageContext<"session">) => {
  const t = vaultTexts[context.lang]
  return html(
    <VaultScriptPage context={context} title={t.title} script="vault-open.js">
      <div class="vault-toolbar" data-unlocked-only hidden>
        <button type="button" class="icon-button" data-show-key aria-label={t.showKey} title={t.showKey}>
          <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
            <path d="M3 3h8v8H3zm2 2v4h4V5zm8-2h8v8h-8zm2 2v4h4V5zM3 13h8v8H3zm2 2v4h4v-4zm11-2h2v2h-2zm-3 0h2v3h-2zm3 3h2v2h-2zm2 2h3v3h-3zm-5 0h3v3h-3z" />
          </svg>
        </button>
        <button type="button" class="button button-secondary" data-open-rotate>
          {t.changeKey}
        </button>
      </div>
      <ScriptNotice name="vault" />

      <section class="panel narrow" data-step="locked">
        <h2>{t.lockedTitle}</h2>
        <p>{t.lockedLead}</p>
        <form data-unlock method="post" novalidate>
          <ScriptField
            id="vault-password"
            label={t.password}
            type="password"
            autocomplete="current-password"
          />
          <div data-key-block hidden>
            <ScriptField id="vault-key" label={t.clientKey} hint={t.clientKeyHint} />
            <div class="field">
              <label for="vault-qr" class="button button-secondary file-button">
                {t.readQr}
              </label>
              <p class="hint" id="vault-qr-hint">
                {t.readQrHint}
              </p>
              <input
                id="vault-qr"
                type="file"
                accept="image/*"
                class="visually-hidden"
                aria-describedby="vault-qr-hint"
                data-read-qr
              />
            </div>
          </div>
          <Actions>
            <button type="submit" class="button" data-busy-text={t.working}>
              {t.unlock}
            </button>
            <a href={portalPaths.vault}>{t.settings}</a>
          </Actions>
        </form>
      </section>

      <section class="panel" data-step="items" hidden>
        <h2>{t.itemsTitle}</h2>
        <p data-items-empty hidden>
          {t.empty}
        </p>
        <ul class="vault-items" data-items />
        <Actions>
          <button type="button" class="button" data-add>
            {t.add}
          </button>
        </Actions>
      </section>

      <section class="panel narrow" data-step="item" hidden>
        <h2>{t.itemTitle}</h2>
        <form data-item method="post" novalidate>
          <div class="field">
            <label for="item-kind">{t.kind}</label>
            <select id="item-kind" name="kind">
              <option value="login">{vaultScriptTexts[context.lang].login}</option>
              <option value="note">{vaultScriptTexts[context.lang].note}</option>
            </select>
          </div>
          <ScriptField id="item-title" label={t.itemName} />
          <div data-kind="login">
            <ScriptField id="item-username" label={t.username} />
            <ScriptField
              id="item-password"
              label={t.itemPassword}
              type="password"
              autocomplete="new-password"
            />
            <ScriptField id="item-url" label={t.url} type="url" />
            <div class="field">
              <label for="item-notes">{t.notes}</label>
              <textarea id="item-notes" rows={3} />
            </div>
          </div>
          <div data-kind="note" hidden>
            <div class="field">
              <label for="item-text">{t.text}</label>
              <textarea id="item-text" rows={6} />
            </div>
          </div>
          <Actions>
            <button type="submit" class="button" data-busy-text={t.working}>
              {t.save}
            </button>
            <button type="button" class="button button-secondary" data-delete hidden>
              {t.delete}
            </button>
            <button type="button" class="link-button" data-back>
              {t.cancel}
            </button>
          </Actions>
        </form>
      </section>

      <section class="panel" data-step="key" hidden>
        <h2>{t.keyTitle}</h2>
        <p>{t.keyShownLead}</p>
        <KeyPanel context={context} id="current-key" />
        <Actions>
          <button type="button" class="button button-secondary" data-back>
            {t.close}
          </button>
        </Actions>
      </section>

      <section class="panel narrow" data-step="rotate" hidden>
        <h2>{t.changeKey}</h2>
        <p>{t.rotateLead}</p>
        <form data-rotate method="post" novalidate>
          <ScriptField
            id="rotate-password"
            label={t.password}
            type="password"
            autocomplete="current-password"
          />
          <div class="checkbox">
            <input type="checkbox" id="rotate-reencrypt" checked aria-describedby="rotate-reencrypt-hint" />
            <label for="rotate-reencrypt">{t.reencrypt}</label>
          </div>
          <p class="hint" id="rotate-reencrypt-hint">
            {t.reencryptHint}
          </p>
          <Actions>
            <button type="submit" class="button" data-busy-text={t.working}>
              {t.changeKey}
            </button>
            <button type="button" class="link-button" data-back>
              {t.cancel}
            </button>
          </Actions>
        </form>
      </section>

      <section class="panel" data-step="rotated" hidden>
        <h2>{t.newKeyTitle}</h2>
        <p>{t.keyLead}</p>
        <KeyPanel context={context} id="new-key" />
        <KeyNotes context={context} />
        <Actions>
          <button type="button" class="button" data-back>
            {t.backToItems}
          </button>
        </Actions>
      </section>
    </VaultScriptPage>,
  )
}

export const vaultOpenPage = definePage({
  path: portalPaths.vaultOpen,
  auth: "session",
  get: (context) =>
    Effect.map(Effect.orDie(vaultStatus(context.session.accountId, vaultProduct)), (status) =>
      // Nothing to open: the settings page offers to activate.
      status.state === "active" ? vaultScreen(context) : redirect(portalPaths.vault),
    ),
})
