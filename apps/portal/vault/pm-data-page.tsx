import { Effect, Option } from "effect"
import { ProductLifecycles } from "../../../application/catalog/product-lifecycles.js"
import { formatInstant } from "../../../application/notifications/mail-dates.js"
import { now } from "../../../application/platform/now.js"
import { vaultStatus } from "../../../application/vault/index.js"
import { gate } from "../../../domain/catalog/phase-gates.js"
import { phaseAt } from "../../../domain/catalog/product-lifecycle.js"
import { portalPaths } from "../portal-paths.js"
import { Actions, Notice } from "../shell/components.js"
import { Layout } from "../shell/layout.js"
import { definePage, html } from "../shell/page.js"
import { pmDataScriptTexts, pmDataTexts } from "./pm-data-texts.js"
import { VaultScriptPage } from "./vault-components.js"
import { vaultTexts } from "./vault-texts.js"

// The Password Manager's data (manual 000): shown in the browser with the client key, read-only;
// exported as CSV before the product's end (disabled after it); copied into ID Protection at any time.
// The phase is read by time here, as the routes read it; the routes refuse what the page hides.

const product = "password-manager"

export const pmDataPage = definePage({
  path: portalPaths.passwordManagerData,
  auth: "session",
  get: (context) =>
    Effect.gen(function* () {
      const t = pmDataTexts[context.lang]
      const status = yield* Effect.orDie(vaultStatus(context.session.accountId, product))
      const record = yield* (yield* ProductLifecycles).view(product)
      const at = yield* now
      const view = Option.map(record, (r) => phaseAt(r.lifecycle, at))
      const phase = Option.getOrUndefined(view)
      const exportAllowed = phase === undefined || gate(product, "vault.export", phase)._tag === "Right"
      const when = (at: string | undefined) =>
        at === undefined ? "" : formatInstant(context.lang, at, context.session.account.timeZone)
      const notice =
        phase?.phase === "ended"
          ? t.ended(when(phase.endedAt))
          : phase?.phase === "sunset-scheduled"
            ? t.ending(when(phase.endsAt))
            : undefined
      const noticeBox = notice === undefined ? null : <Notice kind="info">{notice}</Notice>
      if (status.state !== "active") {
        return html(
          <Layout chrome={context.chrome} title={t.title}>
            {noticeBox}
            <div class="panel">
              <p>{t.none}</p>
            </div>
          </Layout>,
        )
      }
      return html(
        <VaultScriptPage
          context={context}
          title={t.title}
          script="pm-data.js"
          texts={pmDataScriptTexts[context.lang]}
          notice={noticeBox}
          data={{ export: exportAllowed ? "allowed" : "disabled" }}
        >
          <p>{t.lead}</p>
          <div class="notice" data-notice="pm" hidden role="status" aria-live="polite" />
          <section class="panel narrow" data-step="locked">
            <h2>{t.lockedTitle}</h2>
            <p>{t.lockedLead}</p>
            <form data-unlock method="post" novalidate>
              <div class="field">
                <label for="pm-password">{t.password}</label>
                <p class="field-error" id="pm-password-error" hidden />
                <input id="pm-password" type="password" autocomplete="current-password" />
              </div>
              <div class="field">
                <label for="pm-key">{t.clientKey}</label>
                <p class="hint" id="pm-key-hint">
                  {t.clientKeyHint}
                </p>
                <p class="field-error" id="pm-key-error" hidden />
                <input id="pm-key" type="text" autocomplete="off" aria-describedby="pm-key-hint" />
              </div>
              <Actions>
                <button type="submit" class="button" data-busy-text={pmDataScriptTexts[context.lang].working}>
                  {t.show}
                </button>
              </Actions>
            </form>
          </section>
          <section class="panel" data-step="items" hidden>
            <h2>{t.itemsTitle}</h2>
            <table class="pm-items">
              <thead>
                <tr>
                  <th scope="col">{t.name}</th>
                  <th scope="col">{t.kind}</th>
                  <th scope="col">{t.username}</th>
                  <th scope="col">{t.url}</th>
                </tr>
              </thead>
              <tbody data-items />
            </table>
            <Actions>
              <button
                type="button"
                class="button button-secondary"
                data-export
                disabled={!exportAllowed}
                aria-describedby={exportAllowed ? undefined : "pm-export-disabled"}
              >
                {t.export}
              </button>
            </Actions>
            {exportAllowed ? null : (
              <p class="hint" id="pm-export-disabled">
                {t.exportDisabled}
              </p>
            )}
            <h3>{t.importTitle}</h3>
            <p>{t.importLead}</p>
            <p>{t.importExcept}</p>
            <Actions>
              <button
                type="button"
                class="button"
                data-import
                data-busy-text={pmDataScriptTexts[context.lang].working}
              >
                {t.import}
              </button>
              <a href={portalPaths.vaultOpen}>{vaultTexts[context.lang].title}</a>
            </Actions>
            <div data-not-moved hidden>
              <h3 id="pm-not-moved">{t.notMovedTitle}</h3>
              <table class="pm-items" aria-labelledby="pm-not-moved">
                <thead>
                  <tr>
                    <th scope="col">{t.name}</th>
                    <th scope="col">{t.kind}</th>
                    <th scope="col">{t.reason}</th>
                  </tr>
                </thead>
                <tbody data-not-moved-items />
              </table>
            </div>
          </section>
        </VaultScriptPage>,
      )
    }),
})
