import { portalPaths } from "../portal-paths.js"
import type { Chrome } from "../shell/page.js"
import { accountDetailsTexts } from "./account-details-texts.js"

/** How the account signs in: its name (login ID or address), the password change, the 2FA status. */
export const SignInFacts = (props: {
  readonly chrome: Chrome
  readonly signInName: string
  readonly nameLabel: string
  readonly twoFactor: { readonly status: string }
}) => {
  const t = accountDetailsTexts[props.chrome.lang]
  return (
    <dl class="facts">
      <dt>{props.nameLabel}</dt>
      <dd>{props.signInName}</dd>
      <dt>{t.password}</dt>
      <dd>
        <a href={portalPaths.userPassword}>{t.changePassword}</a>
      </dd>
      <dt>{t.twoFactor}</dt>
      <dd>
        {props.twoFactor.status === "enabled" ? t.twoFactorOn : t.twoFactorOff}{" "}
        <a href={portalPaths.twoFactor}>
          {t.twoFactorSettings}
          <span class="visually-hidden">（{t.twoFactor}）</span>
        </a>
      </dd>
    </dl>
  )
}
