import { Effect, Schema } from "effect"
import { changeUserDetails } from "../../../application/accounts/account-changes.js"
import { twoFactorStatus } from "../../../application/two-factor/two-factor-settings.js"
import { UserDetails } from "../../../domain/accounts/profile.js"
import { portalPaths } from "../portal-paths.js"
import { Layout } from "../shell/layout.js"
import type { Lang } from "../shell/texts.js"
import { accountDetailsTexts } from "./account-details-texts.js"
import { primaryUserTexts } from "./primary-user-texts.js"
import { EmailField, PersonFields, personNames, phoneAnchors, profileLabels } from "./profile-fields.js"
import { profileTexts } from "./profile-texts.js"
import { SectionForm, SectionNotices } from "./section-form.js"
import { sectionPage } from "./section-page.js"
import { SignInFacts } from "./sign-in-facts.js"

// ユーザ登録情報 (manual 002, ユーザ情報を変更する): the login ID (never changed), the way to the
// password change and to 2FA, and the user's own details with 送信.

export const userPage = sectionPage({
  path: portalPaths.user,
  section: "user",
  names: ["user.email", ...personNames("user")],
  schema: Schema.Struct({ user: UserDetails }),
  stored: (account) => ({ user: account.user }),
  labels: (lang: Lang) => profileLabels(lang, "user"),
  anchors: phoneAnchors("user"),
  change: (session, { user }, seen) => changeUserDetails(session.accountId, user, session.metadata, seen),
  // The session's account exists, so its 2FA status can be read.
  details: (session) => Effect.orDie(twoFactorStatus(session.accountId)),
  render: (context, state, account, twoFactor) => {
    const { chrome } = context
    const t = accountDetailsTexts[chrome.lang]
    const common = { chrome, values: state.values, problems: state.problems }
    return (
      <Layout chrome={chrome} title={t.userTitle}>
        <SectionNotices chrome={chrome} section="user" state={state} />
        <div class="panel">
          <SignInFacts
            chrome={chrome}
            signInName={account.loginId}
            nameLabel={t.loginId}
            twoFactor={twoFactor}
          />
          <p>
            <a href={portalPaths.primaryUser}>{primaryUserTexts[chrome.lang].startLink}</a>
          </p>
        </div>
        <div class="panel">
          <SectionForm chrome={chrome} action={portalPaths.user} state={state}>
            <EmailField name="user.email" label={profileTexts[chrome.lang].email} own {...common} />
            <PersonFields prefix="user" own {...common} />
          </SectionForm>
        </div>
      </Layout>
    )
  },
})
