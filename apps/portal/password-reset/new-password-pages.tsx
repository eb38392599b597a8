import { Effect } from "effect"
import { AccountSettings } from "../../../application/accounts/account-settings.js"
import { completePasswordReset, showPasswordReset } from "../../../application/accounts/password-reset.js"
import { customerMetadata } from "../../http/sessions/session-of.js"
import { portalPaths } from "../portal-paths.js"
import { Actions, CsrfField, ErrorSummary, Field, type FieldProblem, Notice } from "../shell/components.js"
import { fieldProblems } from "../shell/form-fields.js"
import { Layout } from "../shell/layout.js"
import { definePage, html, type PageContext, redirect } from "../shell/page.js"
import { shellTexts } from "../shell/texts.js"
import { passwordResetTexts } from "./password-reset-texts.js"

// Manual 002, 「ログインIDもしくはパスワードがわからない場合」 Steps 5 and 6: the mailed link's page
// shows the login ID (how a forgotten one is found) and takes the new password twice.

const tokenPath = `${portalPaths.passwordReset}/:token`

const invalidLink = (context: PageContext) => {
  const t = passwordResetTexts[context.lang]
  return html(
    <Layout chrome={context.chrome} title={t.invalidTitle}>
      <div class="panel narrow password-reset">
        <p>{t.invalidText}</p>
        <Actions>
          <a class="button" href={portalPaths.passwordReset}>
            {t.requestAgain}
          </a>
          <a class="button button-secondary" href={portalPaths.signIn}>
            {t.backToSignIn}
          </a>
        </Actions>
      </div>
    </Layout>,
    { status: 404 },
  )
}

const newPasswordPage = (
  context: PageContext,
  view: { readonly token: string; readonly loginId: string; readonly problems: ReadonlyArray<FieldProblem> },
  status = 200,
) =>
  Effect.map(AccountSettings, (settings) => {
    const t = passwordResetTexts[context.lang]
    return html(
      <Layout chrome={context.chrome} title={t.newTitle}>
        <div class="panel narrow password-reset">
          <ErrorSummary chrome={context.chrome} problems={view.problems} />
          <p>{t.newIntro}</p>
          <p>{t.loginIdShown}</p>
          <dl class="facts reset-account">
            <dt>{t.accountName}</dt>
            <dd>{view.loginId}</dd>
          </dl>
          <form method="post" action={portalPaths.passwordResetLink(view.token)} novalidate>
            <CsrfField chrome={context.chrome} />
            {/* For password managers: the account the new password belongs to. */}
            <input type="hidden" name="username" value={view.loginId} autocomplete="username" />
            <Field
              chrome={context.chrome}
              name="newPassword"
              label={t.newPassword}
              type="password"
              autocomplete="new-password"
              hint={settings.passwordPolicy === "manual" ? t.ruleManual : t.ruleAsvs}
              required
              problems={view.problems}
              autofocus={view.problems.length === 0}
            />
            <Field
              chrome={context.chrome}
              name="newPasswordConfirmation"
              label={t.newPasswordConfirmation}
              type="password"
              autocomplete="new-password"
              required
              problems={view.problems}
            />
            <Actions>
              <button type="submit" class="button">
                {shellTexts[context.lang].submit}
              </button>
            </Actions>
          </form>
        </div>
      </Layout>,
      { status },
    )
  })

const linkPage = definePage({
  path: tokenPath,
  auth: "none",
  secretParams: ["token"],
  get: (context) => {
    const token = context.params.token ?? ""
    return showPasswordReset(token).pipe(
      Effect.flatMap(({ loginId }) => newPasswordPage(context, { token, loginId, problems: [] })),
      Effect.catchTag("ResetLinkInvalid", () => Effect.succeed(invalidLink(context))),
    )
  },
  post: (context) => {
    const token = context.params.token ?? ""
    const t = passwordResetTexts[context.lang]
    const input = {
      newPassword: context.form.newPassword ?? "",
      newPasswordConfirmation: context.form.newPasswordConfirmation ?? "",
    }
    return completePasswordReset(token, input, customerMetadata(context.request)).pipe(
      Effect.as(redirect(portalPaths.passwordResetDone)),
      Effect.catchTags({
        ResetLinkInvalid: () => Effect.succeed(invalidLink(context)),
        InvalidFields: (invalid) =>
          Effect.flatMap(showPasswordReset(token), ({ loginId }) => {
            const problems = fieldProblems(context.lang, invalid.errors, {
              newPassword: t.newPassword,
              newPasswordConfirmation: t.newPasswordConfirmation,
            })
            return newPasswordPage(context, { token, loginId, problems }, 422)
          }).pipe(Effect.catchTag("ResetLinkInvalid", () => Effect.succeed(invalidLink(context)))),
      }),
      // What is left (a conflict that outlasted its retries) is no mistake of the user's: a 500 page.
      Effect.orDie,
    )
  },
})

/** The manual's dialog 「ログインパスワードが変更されました。」, whose [OK] opens the login page. */
const donePage = definePage({
  path: portalPaths.passwordResetDone,
  auth: "none",
  get: (context) => {
    const t = passwordResetTexts[context.lang]
    return Effect.succeed(
      html(
        <Layout chrome={context.chrome} title={t.doneTitle}>
          <div class="panel narrow password-reset">
            <Notice kind="success">
              <p>
                <strong>{t.done}</strong>
              </p>
              <p>{t.doneText}</p>
            </Notice>
            <p>{t.doneMail}</p>
            <Actions>
              <a class="button" href={portalPaths.signIn}>
                {shellTexts[context.lang].ok}
              </a>
            </Actions>
          </div>
        </Layout>,
      ),
    )
  },
})

export const newPasswordPages = [linkPage, donePage]
