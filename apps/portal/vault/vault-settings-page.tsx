import { Effect } from "effect"
import { type VaultStatus, vaultStatus } from "../../../application/vault/index.js"
import { portalPaths } from "../portal-paths.js"
import { Actions } from "../shell/components.js"
import { Layout } from "../shell/layout.js"
import { definePage, html, type PageContext } from "../shell/page.js"
import { KeyNotes, KeyPanel, ScriptNotice, VaultScriptPage, vaultProduct } from "./vault-components.js"
import { vaultTexts } from "./vault-texts.js"

// The 「保管庫」 settings page (manual 000: [開始する], the password, [続行], [PDF で保存],
// [保管庫に移動]). Activation runs in the browser, which makes the key; once active, the page is the
// vault's status as the server knows it (no key needed), and needs no script.

const when = (context: PageContext<"session">, at: string | undefined) =>
  at === undefined
    ? "—"
    : new Intl.DateTimeFormat(context.lang === "ja" ? "ja-JP" : "en-GB", {
        dateStyle: "medium",
        timeStyle: "short",
        timeZone: context.session.account.timeZone,
      }).format(new Date(at))

const activation = (context: PageContext<"session">) => {
  const t = vaultTexts[context.lang]
  return html(
    <VaultScriptPage context={context} title={t.title} script="vault-settings.js">
      <ScriptNotice name="error" />
      <section class="panel narrow" data-step="intro">
        <h2>{t.introTitle}</h2>
        <p>{t.intro}</p>
        <p>{t.introKit}</p>
        <Actions>
          <button type="button" class="button" data-start>
            {t.start}
          </button>
        </Actions>
      </section>
      <section class="panel narrow" data-step="password" hidden>
        <h2>{t.passwordTitle}</h2>
        <p>{t.passwordLead}</p>
        <form data-activate method="post" novalidate>
          <div class="field">
            <label for="vault-password">{t.password}</label>
            <p class="field-error" id="vault-password-error" hidden />
            <input
              id="vault-password"
              name="password"
              type="password"
              autocomplete="current-password"
              required
            />
          </div>
          <Actions>
            <button type="submit" class="button" data-busy-text={t.working}>
              {t.continue}
            </button>
          </Actions>
        </form>
      </section>
      <section class="panel" data-step="key" hidden>
        <h2 tabindex={-1}>{t.keyTitle}</h2>
        <p>{t.keyLead}</p>
        <KeyPanel context={context} id="new-key" />
        <KeyNotes context={context} />
        <div class="checkbox">
          <input type="checkbox" id="vault-saved" data-saved />
          <label for="vault-saved">{t.saved}</label>
        </div>
        <Actions>
          <button type="button" class="button" data-go-to-vault>
            {t.goToVault}
          </button>
        </Actions>
      </section>
    </VaultScriptPage>,
  )
}

const statusPage = (context: PageContext<"session">, status: VaultStatus) => {
  const t = vaultTexts[context.lang]
  return html(
    <Layout chrome={context.chrome} title={t.title}>
      <section class="panel">
        <h2>{t.statusTitle}</h2>
        <dl class="facts">
          <dt>{t.state}</dt>
          <dd data-vault-state>✓ {t.active}</dd>
          <dt>{t.activatedAt}</dt>
          <dd>{when(context, status.activatedAt)}</dd>
          {status.keyRotatedAt === undefined ? null : (
            <>
              <dt>{t.keyRotatedAt}</dt>
              <dd>{when(context, status.keyRotatedAt)}</dd>
            </>
          )}
          <dt>{t.keyVersion}</dt>
          <dd>{String(status.keyVersion ?? 1)}</dd>
          <dt>{t.itemCount}</dt>
          <dd data-vault-items>{String(status.itemCount)}</dd>
        </dl>
        <h3>{t.devicesTitle}</h3>
        {status.devices.length === 0 ? (
          <p>{t.noDevices}</p>
        ) : (
          <table data-vault-devices>
            <thead>
              <tr>
                <th scope="col">{t.deviceName}</th>
                <th scope="col">{t.firstUnlockedAt}</th>
                <th scope="col">{t.lastUnlockedAt}</th>
              </tr>
            </thead>
            <tbody>
              {status.devices.map((device) => (
                <tr>
                  <td>{device.name}</td>
                  <td>{when(context, device.firstUnlockedAt)}</td>
                  <td>{when(context, device.lastUnlockedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Actions>
          <a class="button" href={portalPaths.vaultOpen}>
            {t.goToVault}
          </a>
          <a href={`${portalPaths.vaultOpen}#change-key`}>{t.changeKey}</a>
          <a href={portalPaths.vaultReset}>{t.reset}</a>
        </Actions>
      </section>
    </Layout>,
  )
}

export const vaultSettingsPage = definePage({
  path: portalPaths.vault,
  auth: "session",
  get: (context) =>
    Effect.map(Effect.orDie(vaultStatus(context.session.accountId, vaultProduct)), (status) =>
      status.state === "active" ? statusPage(context, status) : activation(context),
    ),
})
