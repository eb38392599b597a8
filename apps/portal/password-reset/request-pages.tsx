import { Effect, Either } from "effect"
import { AccountSettings } from "../../../application/accounts/account-settings.js"
import {
  passwordResetChallenge,
  requestPasswordResetWithProof,
} from "../../../application/accounts/password-reset.js"
import type { WorkChallenge, WorkRefused } from "../../../application/platform/proof-of-work.js"
import { ResetRequestBody } from "../../http/password-resets/password-reset-routes.js"
import { addressOf, customerMetadata } from "../../http/sessions/session-of.js"
import { portalPaths } from "../portal-paths.js"
import { Actions, CsrfField, ErrorSummary, Field, type FieldProblem, Notice } from "../shell/components.js"
import { decodeForm, fieldProblems } from "../shell/form-fields.js"
import { Layout } from "../shell/layout.js"
import { definePage, html, type PageContext, redirect } from "../shell/page.js"
import { type Lang, shellTexts } from "../shell/texts.js"
import { passwordResetTexts } from "./password-reset-texts.js"
import { WorkCheck, workCheckAssets, workFieldName } from "./work-check.js"

// Manual 002, 「ログインIDもしくはパスワードがわからない場合」 Steps 2 and 3: the request, with the
// manual's "I'm not a robot" as a proof of work, then "check your e-mail".

const workProblem = (lang: Lang, refusal: WorkRefused): FieldProblem => {
  const t = passwordResetTexts[lang]
  const message = {
    missing: t.workMissing,
    invalid: t.workInvalid,
    reused: t.workInvalid,
    expired: t.workExpired,
  }[refusal.reason]
  return { name: workFieldName, message }
}

const requestPage = (
  context: PageContext,
  view: {
    readonly challenge: WorkChallenge
    readonly loginIdOrEmail: string
    readonly problems: ReadonlyArray<FieldProblem>
    readonly refusal?: string
  },
  status = 200,
) => {
  const t = passwordResetTexts[context.lang]
  return html(
    <Layout chrome={context.chrome} title={t.requestTitle} {...workCheckAssets}>
      <div class="panel narrow password-reset">
        <ErrorSummary chrome={context.chrome} problems={view.problems} />
        {view.refusal ? <Notice kind="error">{view.refusal}</Notice> : null}
        <p>{t.requestIntro}</p>
        <form method="post" action={portalPaths.passwordReset} novalidate>
          <CsrfField chrome={context.chrome} />
          <Field
            chrome={context.chrome}
            name="loginIdOrEmail"
            label={t.loginIdOrEmail}
            value={view.loginIdOrEmail}
            autocomplete="username"
            required
            problems={view.problems}
            autofocus={view.problems.length === 0}
          />
          <WorkCheck chrome={context.chrome} challenge={view.challenge} problems={view.problems} />
          <Actions>
            <button type="submit" class="button">
              {shellTexts[context.lang].submit}
            </button>
            <a class="button button-secondary" href={portalPaths.signIn}>
              {t.backToSignIn}
            </a>
          </Actions>
        </form>
      </div>
    </Layout>,
    { status },
  )
}

// Every page shown carries a fresh challenge: one already sent, solved or not, is not asked again.
const showRequest = (
  context: PageContext,
  view: {
    readonly loginIdOrEmail: string
    readonly problems: ReadonlyArray<FieldProblem>
    readonly refusal?: string
  },
  status = 200,
) => Effect.map(passwordResetChallenge(), (challenge) => requestPage(context, { ...view, challenge }, status))

const requestForm = definePage({
  path: portalPaths.passwordReset,
  auth: "none",
  get: (context) => showRequest(context, { loginIdOrEmail: "", problems: [] }),
  post: (context) =>
    Effect.gen(function* () {
      const t = passwordResetTexts[context.lang]
      const typed = context.form.loginIdOrEmail ?? ""
      const decoded = yield* Effect.either(decodeForm(ResetRequestBody, { loginIdOrEmail: typed }))
      if (Either.isLeft(decoded)) {
        const problems = fieldProblems(context.lang, decoded.left, { loginIdOrEmail: t.loginIdOrEmail })
        return yield* showRequest(context, { loginIdOrEmail: typed, problems }, 422)
      }
      const { request } = context
      return yield* requestPasswordResetWithProof(
        context.form[workFieldName],
        decoded.right.loginIdOrEmail,
        addressOf(request),
        customerMetadata(request),
      ).pipe(
        Effect.as(redirect(portalPaths.passwordResetSent)),
        Effect.catchTags({
          WorkRefused: (refusal) =>
            showRequest(
              context,
              { loginIdOrEmail: typed, problems: [workProblem(context.lang, refusal)] },
              422,
            ),
          RateLimited: (limited) =>
            showRequest(
              context,
              {
                loginIdOrEmail: typed,
                problems: [],
                refusal: shellTexts[context.lang].rateLimited(limited.retryAfterSeconds),
              },
              429,
            ),
        }),
      )
    }).pipe(
      // What is left (a conflict that outlasted its retries) is no mistake of the user's: a 500 page.
      Effect.orDie,
    ),
})

/** The same page whether or not an account matched: it never tells who has an account. */
const sentPage = definePage({
  path: portalPaths.passwordResetSent,
  auth: "none",
  get: (context) =>
    Effect.map(AccountSettings, (settings) => {
      const t = passwordResetTexts[context.lang]
      return html(
        <Layout chrome={context.chrome} title={t.sentTitle}>
          <div class="panel narrow password-reset">
            <p>{t.sentText}</p>
            <p>{t.sentValidity(settings.resetLinkMinutes)}</p>
            <p>{t.sentNotArrived}</p>
            <Actions>
              <a class="button" href={portalPaths.signIn}>
                {shellTexts[context.lang].back}
              </a>
            </Actions>
          </div>
        </Layout>,
      )
    }),
})

export const requestPages = [requestForm, sentPage]
