import { Effect } from "effect"
import { dismissReminder } from "../../../application/two-factor/two-factor-settings.js"
import { portalPaths } from "../portal-paths.js"
import { Actions, Checkbox, CsrfField } from "../shell/components.js"
import { Layout } from "../shell/layout.js"
import { localPath } from "../shell/mount-page.js"
import { definePage, html, redirect } from "../shell/page.js"
import { recommendationTexts } from "./recommendation-texts.js"

/**
 * After a password sign-in while 2FA is off (manual 003): why 2FA matters, the way to set it up, and
 * "skip, I understand the risk" — with "don't show this again" ticked, logins stop recommending it.
 */
export const recommendationPage = definePage({
  path: portalPaths.twoFactorRecommendation,
  auth: "session",
  get: (context) => {
    const t = recommendationTexts[context.lang]
    const next = localPath(context.query.next, portalPaths.products)
    return Effect.succeed(
      html(
        <Layout chrome={context.chrome} title={t.title}>
          <div class="panel">
            <p class="notice notice-info">
              <span class="notice-icon" aria-hidden="true">
                ⚠
              </span>
              <span>{t.lead}</span>
            </p>
            <h2>{t.whatTitle}</h2>
            <p>{t.what}</p>
            <h2>{t.whyTitle}</h2>
            <p>{t.why}</p>
            <p>
              <a class="button" href={portalPaths.twoFactor}>
                {t.setUp}
              </a>
            </p>
          </div>
          <form method="post" action={portalPaths.twoFactorRecommendation}>
            <CsrfField chrome={context.chrome} />
            <input type="hidden" name="next" value={next} />
            <Checkbox name="dontShowAgain" label={t.dontShowAgain} problems={[]} />
            <Actions>
              <button type="submit" class="button button-secondary">
                {t.skip}
              </button>
            </Actions>
          </form>
        </Layout>,
      ),
    )
  },
  post: ({ form, session }) => {
    const next = redirect(localPath(form.next, portalPaths.products))
    if (form.dontShowAgain !== "on") return Effect.succeed(next)
    // A conflict that outlasts its retries is no mistake of the user's: a 500 page.
    return Effect.as(Effect.orDie(dismissReminder(session.accountId, session.metadata)), next)
  },
})
