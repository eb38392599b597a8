import { Effect } from "effect"
import type { TwoFactorStatus } from "../../../application/two-factor/two-factor-settings.js"
import { twoFactorStatus } from "../../../application/two-factor/two-factor-settings.js"
import { portalPaths } from "../portal-paths.js"
import { Notice } from "../shell/components.js"
import { Layout } from "../shell/layout.js"
import { type Chrome, definePage, html } from "../shell/page.js"
import { twoFactorTexts } from "./two-factor-texts.js"

type Texts = (typeof twoFactorTexts)["ja"]

/** What the status page says after a change, from its `notice` query parameter (Post/Redirect/Get). */
const notices = {
  disabled: (t: Texts) => ({ kind: "success", text: t.disabledNotice }),
  "device-changed": (t: Texts) => ({ kind: "success", text: t.deviceChangedNotice }),
  // completeLogin's advice after an emergency code: set the second factor up again.
  "emergency-login": (t: Texts) => ({ kind: "info", text: t.emergencyLoginNotice }),
} as const satisfies Record<
  string,
  (t: Texts) => { readonly kind: "success" | "info"; readonly text: string }
>

export type StatusNotice = keyof typeof notices

const isNotice = (value: string | undefined): value is StatusNotice =>
  value !== undefined && Object.hasOwn(notices, value)

/** Ten codes, shown once (after enabling, or on asking for new ones): save them now. */
export const RecoveryCodeList = (props: {
  readonly chrome: Chrome
  readonly codes: ReadonlyArray<string>
  readonly replaced: boolean
}) => {
  const t = twoFactorTexts[props.chrome.lang]
  return (
    <section class="panel recovery-codes" aria-labelledby="recovery-codes-title">
      <h2 id="recovery-codes-title">{t.recoveryTitle}</h2>
      <p class="notice notice-warning">
        <span class="notice-icon" aria-hidden="true">
          ⚠
        </span>
        <strong>{t.recoveryWarning}</strong>
      </p>
      <p>{t.recoveryUse}</p>
      {props.replaced ? <p>{t.recoveryReplaced}</p> : null}
      <ol class="codes" data-recovery-codes>
        {props.codes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p>
        <a class="button button-secondary" href={portalPaths.twoFactor}>
          {t.saved}
        </a>
      </p>
    </section>
  )
}

/** Manual 003's 「2要素認証」 screen: 状況 with its actions, 認証方法, 登録済みメールアドレス, 注意. */
export const StatusView = (props: {
  readonly chrome: Chrome
  readonly status: TwoFactorStatus
  readonly notice?: { readonly kind: "success" | "info"; readonly text: string } | undefined
  readonly recoveryCodes?: ReadonlyArray<string>
}) => {
  const t = twoFactorTexts[props.chrome.lang]
  const { status } = props
  const on = status.status === "enabled"
  return (
    <Layout chrome={props.chrome} title={t.title}>
      {props.notice ? <Notice kind={props.notice.kind}>{props.notice.text}</Notice> : null}
      {props.recoveryCodes ? (
        <RecoveryCodeList chrome={props.chrome} codes={props.recoveryCodes} replaced={false} />
      ) : null}
      <div class="panel">
        <p>{t.intro}</p>
        <dl class="facts two-factor-facts">
          <dt>{t.status}:</dt>
          <dd>
            <strong class={on ? "status status-valid" : "status"} data-two-factor-status>
              {on ? t.enabled : t.disabled}
            </strong>
            <span class="inline-actions">
              {on ? (
                <>
                  <a href={portalPaths.twoFactorDisable}>{t.disable}</a>
                  <a href={portalPaths.twoFactorSetUp}>{t.changeDevice}</a>
                </>
              ) : null}
            </span>
          </dd>
          {on ? (
            <>
              <dt>{t.method}:</dt>
              <dd>{t.authenticatorApp}</dd>
              <dt>{t.registeredEmail}:</dt>
              <dd>{status.registeredEmail}</dd>
              <dt>{t.recoveryCodes}:</dt>
              <dd>
                {t.recoveryCodesLeft(status.recoveryCodesLeft)}
                <span class="inline-actions">
                  <a href={portalPaths.twoFactorRecoveryCodes}>{t.newRecoveryCodes}</a>
                </span>
              </dd>
            </>
          ) : null}
        </dl>
        {on ? null : (
          <p class="actions">
            <a class="button" href={portalPaths.twoFactorSetUp}>
              {t.enable}
            </a>
            {status.setupInProgress ? <a href={portalPaths.twoFactorSetUpApp}>{t.continueSetUp}</a> : null}
          </p>
        )}
        {on && status.setupInProgress ? (
          <p>
            {t.setUpPending} <a href={portalPaths.twoFactorSetUpApp}>{t.continueSetUp}</a>
          </p>
        ) : null}
        {on ? (
          <p class="note">
            <strong>{t.noteLabel}</strong> {t.emergencyNote}
            <a href={portalPaths.user}>{t.accountSettings}</a>
            {t.emergencyNoteEnd}
          </p>
        ) : null}
      </div>
    </Layout>
  )
}

/** The status page, the 2FA entry of 「ユーザ登録情報」 (manual 002) and where every change lands. */
export const statusPage = definePage({
  path: portalPaths.twoFactor,
  auth: "session",
  get: (context) =>
    Effect.map(
      // The session's account exists; not finding it is no mistake of the user's.
      Effect.orDie(twoFactorStatus(context.session.accountId)),
      (status) => {
        const t = twoFactorTexts[context.lang]
        const notice = isNotice(context.query.notice) ? notices[context.query.notice](t) : undefined
        return html(<StatusView chrome={context.chrome} status={status} notice={notice} />)
      },
    ),
})
