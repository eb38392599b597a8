import { Effect } from "effect"
import { viewAccount } from "../../../application/accounts/account-changes.js"
import { twoFactorStatus } from "../../../application/two-factor/two-factor-settings.js"
import { portalPaths } from "../portal-paths.js"
import { Layout } from "../shell/layout.js"
import { definePage, html, redirect } from "../shell/page.js"
import { accountDetailsTexts } from "./account-details-texts.js"
import { SignInFacts } from "./sign-in-facts.js"

// A personal account's ユーザ登録情報: its address, which it signs in with, the way to the password
// change and to 2FA. It has no form: the address is its sign-in name, as a login ID is never changed.

export const personalUserPage = definePage({
  path: portalPaths.userPersonal,
  auth: "session",
  get: (context) =>
    Effect.gen(function* () {
      const { chrome, session } = context
      const account = yield* Effect.orDie(viewAccount(session.accountId))
      if (account.kind === "business") return redirect(portalPaths.user)
      const twoFactor = yield* Effect.orDie(twoFactorStatus(session.accountId))
      const t = accountDetailsTexts[chrome.lang]
      return html(
        <Layout chrome={chrome} title={t.userTitle}>
          <div class="panel">
            <SignInFacts
              chrome={chrome}
              signInName={account.email}
              nameLabel={t.email}
              twoFactor={twoFactor}
            />
            <p class="hint">{t.personalEmailNote}</p>
          </div>
        </Layout>,
      )
    }),
})
