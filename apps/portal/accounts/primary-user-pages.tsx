import { Effect, Either, Schema } from "effect"
import {
  assignPrimaryEmail,
  resendPrimaryEmailCode,
  verifyPrimaryEmail,
} from "../../../application/accounts/primary-user-account.js"
import { completePrimaryUserAccount } from "../../../application/accounts/primary-user-password.js"
import { portalPaths } from "../portal-paths.js"
import { Actions, Notice } from "../shell/components.js"
import { decodeForm, fieldProblems, nestedValues } from "../shell/form-fields.js"
import { Layout } from "../shell/layout.js"
import { definePage, html, redirect } from "../shell/page.js"
import { shellTexts } from "../shell/texts.js"
import { formCode } from "../two-factor/typed-code.js"
import { passwordNames, stepPage } from "./primary-user-steps.js"
import { primaryUserTexts } from "./primary-user-texts.js"

// The primary user account's forms (manual 004, STEP 2, 3–9): each posts, and answers with the page
// at the next step (Post/Redirect/Get) or the same step with what was wrong; then "Updated password
// successfully" and [Close] to sign in with the address.

const EmailForm = Schema.Struct({ email: Schema.String, emailConfirmation: Schema.String })

const stepsPage = definePage({
  path: portalPaths.primaryUser,
  auth: "session",
  get: (context) => stepPage(context),
  post: (context) =>
    Effect.gen(function* () {
      const t = primaryUserTexts[context.lang]
      const labels = { email: t.email, emailConfirmation: t.emailConfirmation }
      const refused = (errors: ReadonlyArray<{ readonly field: string; readonly reason: string }>) =>
        stepPage(context, { problems: fieldProblems(context.lang, errors, labels), status: 422 })
      const decoded = yield* Effect.either(
        decodeForm(EmailForm, nestedValues(context.form, ["email", "emailConfirmation"])),
      )
      if (Either.isLeft(decoded)) return yield* refused(decoded.left)
      return yield* assignPrimaryEmail(
        context.session.accountId,
        decoded.right,
        context.session.metadata,
      ).pipe(
        Effect.as(redirect(portalPaths.primaryUser)),
        Effect.catchTags({
          InvalidFields: (error) => refused(error.errors),
          EmailTaken: () =>
            stepPage(context, { problems: [{ name: "email", message: t.emailTaken }], status: 409 }),
          ResendTooSoon: (error) =>
            stepPage(context, {
              message: { kind: "error", text: t.resendTooSoon(error.secondsLeft) },
              status: 429,
            }),
          RateLimited: (error) =>
            stepPage(context, {
              message: { kind: "error", text: shellTexts[context.lang].rateLimited(error.retryAfterSeconds) },
              status: 429,
            }),
        }),
        Effect.orDie,
      )
    }),
})

const codePage = definePage({
  path: portalPaths.primaryUserCode,
  auth: "session",
  get: () => Effect.succeed(redirect(portalPaths.primaryUser)),
  post: (context) => {
    const t = primaryUserTexts[context.lang]
    const ended = Effect.succeed(redirect(`${portalPaths.primaryUser}?notice=code-ended`))
    return formCode(context.lang, context.form, t.code).pipe(
      Effect.flatMap((code) =>
        verifyPrimaryEmail(context.session.accountId, code, context.session.metadata).pipe(
          Effect.as(redirect(portalPaths.primaryUser)),
          Effect.catchTags({
            CodeRejected: (error) =>
              error.attemptsLeft > 0
                ? stepPage(context, {
                    problems: [{ name: "code", message: t.wrongCode(error.attemptsLeft) }],
                    status: 403,
                  })
                : ended,
            VerificationLocked: () => ended,
            VerificationCodeExpired: () => ended,
            NoVerificationCode: () => Effect.succeed(redirect(portalPaths.primaryUser)),
          }),
          Effect.orDie,
        ),
      ),
      Effect.catchAll((problems) => stepPage(context, { problems, status: 422 })),
    )
  },
})

const resendPage = definePage({
  path: portalPaths.primaryUserResend,
  auth: "session",
  get: () => Effect.succeed(redirect(portalPaths.primaryUser)),
  post: (context) => {
    const t = primaryUserTexts[context.lang]
    return resendPrimaryEmailCode(context.session.accountId, context.session.metadata).pipe(
      Effect.as(redirect(`${portalPaths.primaryUser}?notice=resent`)),
      Effect.catchTags({
        ResendTooSoon: (error) =>
          stepPage(context, {
            message: { kind: "error", text: t.resendTooSoon(error.secondsLeft) },
            status: 429,
          }),
        RateLimited: (error) =>
          stepPage(context, {
            message: { kind: "error", text: shellTexts[context.lang].rateLimited(error.retryAfterSeconds) },
            status: 429,
          }),
        NoVerificationCode: () => Effect.succeed(redirect(portalPaths.primaryUser)),
      }),
      Effect.orDie,
    )
  },
})

const PasswordForm = Schema.Struct({
  currentPassword: Schema.String,
  newPassword: Schema.String,
  newPasswordConfirmation: Schema.String,
})

const passwordPage = definePage({
  path: portalPaths.primaryUserPassword,
  auth: "session",
  get: () => Effect.succeed(redirect(portalPaths.primaryUser)),
  post: (context) =>
    Effect.gen(function* () {
      const t = primaryUserTexts[context.lang]
      const labels = Object.fromEntries(passwordNames.map((name) => [name, t[name]]))
      const refused = (
        errors: ReadonlyArray<{ readonly field: string; readonly reason: string }>,
        status = 422,
      ) => stepPage(context, { problems: fieldProblems(context.lang, errors, labels), status })
      const decoded = yield* Effect.either(
        decodeForm(PasswordForm, nestedValues(context.form, passwordNames)),
      )
      if (Either.isLeft(decoded)) return yield* refused(decoded.left)
      return yield* completePrimaryUserAccount(
        context.session.accountId,
        decoded.right,
        context.session.metadata,
      ).pipe(
        // Every session has ended: the page after it needs none, and this browser's cookie goes.
        Effect.map((done) =>
          redirect(`${portalPaths.primaryUserUpdated}?${new URLSearchParams({ email: done.loginId })}`, {
            cookies: [{ name: "session", value: undefined }],
          }),
        ),
        Effect.catchTags({
          InvalidFields: (error) => refused(error.errors),
          EmailTaken: () =>
            stepPage(context, { message: { kind: "error", text: t.emailTaken }, status: 409 }),
          EmailNotVerified: () => Effect.succeed(redirect(portalPaths.primaryUser)),
          RateLimited: (error) =>
            stepPage(context, {
              problems: [
                {
                  name: "currentPassword",
                  message: shellTexts[context.lang].rateLimited(error.retryAfterSeconds),
                },
              ],
              status: 429,
            }),
        }),
        Effect.orDie,
      )
    }),
})

/** Step 9: the manual's message, then [Close] to sign in with the address (step 10). */
const updatedPage = definePage({
  path: portalPaths.primaryUserUpdated,
  auth: "none",
  get: ({ chrome, query }) => {
    const t = primaryUserTexts[chrome.lang]
    return Effect.succeed(
      html(
        <Layout chrome={chrome} title={t.updatedTitle}>
          <div class="panel narrow">
            <Notice kind="success">{t.updated}</Notice>
            {query.email ? <p>{t.updatedText(query.email)}</p> : null}
            <Actions>
              <a class="button" href={portalPaths.signIn}>
                {t.close}
              </a>
            </Actions>
          </div>
        </Layout>,
      ),
    )
  },
})

export const primaryUserPages = [stepsPage, codePage, resendPage, passwordPage, updatedPage]
