import { Effect, Either, Schema } from "effect"
import { changePassword } from "../../../application/accounts/account-changes.js"
import { AccountSettings } from "../../../application/accounts/account-settings.js"
import { portalPaths } from "../portal-paths.js"
import { Actions, CsrfField, ErrorSummary, Field, type FieldProblem, Notice } from "../shell/components.js"
import { decodeForm, fieldProblems, nestedValues } from "../shell/form-fields.js"
import { Layout } from "../shell/layout.js"
import { definePage, html, type PageContext, redirect } from "../shell/page.js"
import { shellTexts } from "../shell/texts.js"
import { accountDetailsTexts, passwordRule } from "./account-details-texts.js"

// パスワードの変更, reached from ユーザ登録情報: the current password, the new one twice under the
// configured rule. The application ends every session of the account on a change (this browser's
// too), so the page says so before, and afterwards asks to sign in again with the new password.

const names = ["currentPassword", "newPassword", "newPasswordConfirmation"] as const

// The API's body: three strings. A blank one is left out by the form mapping, so it reads "is missing".
const PasswordChange = Schema.Struct({
  currentPassword: Schema.String,
  newPassword: Schema.String,
  newPasswordConfirmation: Schema.String,
})

const passwordForm = (context: PageContext<"session">, problems: ReadonlyArray<FieldProblem>, status = 200) =>
  Effect.gen(function* () {
    const { chrome } = context
    const t = accountDetailsTexts[chrome.lang]
    const rule = passwordRule(chrome.lang, (yield* AccountSettings).passwordPolicy)
    const password = (name: (typeof names)[number], autocomplete: string, hint?: string) => (
      <Field
        chrome={chrome}
        name={name}
        label={t[name]}
        type="password"
        autocomplete={autocomplete}
        required
        problems={problems}
        {...(hint === undefined ? {} : { hint })}
      />
    )
    return html(
      <Layout chrome={chrome} title={t.passwordTitle}>
        <div class="panel narrow">
          <Notice kind="info">{t.signsOutEverywhere}</Notice>
          <ErrorSummary chrome={chrome} problems={problems} />
          <form method="post" action={portalPaths.userPassword} novalidate>
            <CsrfField chrome={chrome} />
            {password("currentPassword", "current-password")}
            {password("newPassword", "new-password", rule)}
            {password("newPasswordConfirmation", "new-password")}
            <Actions>
              <button type="submit" class="button">
                {shellTexts[chrome.lang].submit}
              </button>
              <a href={portalPaths.user}>{t.back}</a>
            </Actions>
          </form>
        </div>
      </Layout>,
      { status },
    )
  })

export const passwordPage = definePage({
  path: portalPaths.userPassword,
  auth: "session",
  get: (context) => passwordForm(context, []),
  post: (context) =>
    Effect.gen(function* () {
      const t = accountDetailsTexts[context.lang]
      const labels = Object.fromEntries(names.map((name) => [name, t[name]]))
      const refused = (errors: ReadonlyArray<{ readonly field: string; readonly reason: string }>) =>
        passwordForm(context, fieldProblems(context.lang, errors, labels), 422)
      const decoded = yield* Effect.either(decodeForm(PasswordChange, nestedValues(context.form, names)))
      if (Either.isLeft(decoded)) return yield* refused(decoded.left)
      return yield* changePassword(context.session.accountId, decoded.right, context.session.metadata).pipe(
        Effect.as(
          redirect(portalPaths.userPasswordChanged, { cookies: [{ name: "session", value: undefined }] }),
        ),
        Effect.catchTags({
          InvalidFields: (error) => refused(error.errors),
          // Wrong current passwords slow down like logins (a stolen session must not guess at speed).
          RateLimited: (error) =>
            passwordForm(
              context,
              [
                {
                  name: "currentPassword",
                  message: shellTexts[context.lang].rateLimited(error.retryAfterSeconds),
                },
              ],
              429,
            ),
        }),
        // A conflict that outlasted its retries, or an account gone: no mistake of the user's.
        Effect.orDie,
      )
    }),
})

/** After the change: every session has ended, so [OK] leads to sign in again (and back here). */
export const passwordChangedPage = definePage({
  path: portalPaths.userPasswordChanged,
  auth: "none",
  get: ({ chrome }) => {
    const t = accountDetailsTexts[chrome.lang]
    const signIn = `${portalPaths.signIn}?${new URLSearchParams({ next: portalPaths.user })}`
    return Effect.succeed(
      html(
        <Layout chrome={chrome} title={t.passwordChangedTitle}>
          <div class="panel narrow">
            <Notice kind="success">{t.passwordChanged}</Notice>
            <p>{t.passwordChangedText}</p>
            <Actions>
              <a class="button" href={signIn}>
                {shellTexts[chrome.lang].ok}
              </a>
            </Actions>
          </div>
        </Layout>,
      ),
    )
  },
})
