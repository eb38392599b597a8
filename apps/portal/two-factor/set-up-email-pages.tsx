import { Effect } from "effect"
import { sendVerificationEmail, startEnrollment } from "../../../application/two-factor/enrollment.js"
import { type TwoFactorStatus, twoFactorStatus } from "../../../application/two-factor/two-factor-settings.js"
import { portalPaths } from "../portal-paths.js"
import { Actions, CsrfField, ErrorSummary, Field, type FieldProblem, Notice } from "../shell/components.js"
import { Layout } from "../shell/layout.js"
import { definePage, html, type PageContext, redirect } from "../shell/page.js"
import { shellTexts } from "../shell/texts.js"
import { twoFactorTexts } from "./two-factor-texts.js"
import { formCode } from "./typed-code.js"

// 「2要素認証の設定」 (manual 003): メールアドレスを確認 → 登録メール確認コード → the app, its QR code
// and its first code. The same steps set up a new device while 2FA is on (「デバイスの変更」): the
// application replaces the device once the new one's code is confirmed.

type Message = { readonly kind: "error" | "info"; readonly text: string }

/** The account's 2FA status; the session's account exists, so not finding it is a defect. */
export const statusOf = (context: PageContext<"session">) =>
  Effect.orDie(twoFactorStatus(context.session.accountId))

const Message = (props: { readonly message: Message | undefined }) =>
  props.message ? <Notice kind={props.message.kind}>{props.message.text}</Notice> : null

// == メールアドレスを確認

const verifyEmailPage = (
  context: PageContext<"session">,
  status: TwoFactorStatus,
  message?: Message,
  httpStatus = 200,
) => {
  const t = twoFactorTexts[context.lang]
  return html(
    <Layout chrome={context.chrome} title={t.setUpTitle}>
      <Message message={message} />
      <div class="panel narrow">
        <h2>{t.verifyEmailTitle}</h2>
        {status.status === "enabled" ? <p>{t.newDeviceText}</p> : null}
        <p>{t.verifyEmailText}</p>
        <p class="masked-address">
          <strong>{status.registeredEmail}</strong>
        </p>
        <p class="note">
          <strong>{t.noteLabel}</strong> {t.verifyEmailNote}
        </p>
        <form method="post" action={portalPaths.twoFactorSetUp}>
          <CsrfField chrome={context.chrome} />
          <Actions>
            <button type="submit" class="button">
              {t.sendVerification}
            </button>
            <a href={portalPaths.twoFactor}>{shellTexts[context.lang].cancel}</a>
          </Actions>
        </form>
      </div>
    </Layout>,
    { status: httpStatus },
  )
}

const setUpNotices = {
  abandoned: (lang: PageContext["lang"]) => twoFactorTexts[lang].setUpAbandoned,
  "code-ended": (lang: PageContext["lang"]) => twoFactorTexts[lang].emailCodeEnded,
} as const

const verifyEmail = definePage({
  path: portalPaths.twoFactorSetUp,
  auth: "session",
  get: (context) =>
    Effect.map(statusOf(context), (status) => {
      const notice = context.query.notice
      const text =
        notice !== undefined && Object.hasOwn(setUpNotices, notice)
          ? setUpNotices[notice as keyof typeof setUpNotices](context.lang)
          : undefined
      return verifyEmailPage(context, status, text ? { kind: "error", text } : undefined)
    }),
  post: (context) =>
    sendVerificationEmail(context.session.accountId, context.session.metadata).pipe(
      Effect.as(redirect(portalPaths.twoFactorSetUpCode)),
      Effect.catchTags({
        RateLimited: (error) =>
          Effect.map(statusOf(context), (status) =>
            verifyEmailPage(
              context,
              status,
              { kind: "error", text: shellTexts[context.lang].rateLimited(error.retryAfterSeconds) },
              429,
            ),
          ),
      }),
      Effect.orDie,
    ),
})

// == 登録メール確認コード

const emailCodePage = (
  context: PageContext<"session">,
  status: TwoFactorStatus,
  problems: ReadonlyArray<FieldProblem> = [],
  httpStatus = 200,
) => {
  const t = twoFactorTexts[context.lang]
  return html(
    <Layout chrome={context.chrome} title={t.setUpTitle}>
      <ErrorSummary chrome={context.chrome} problems={problems} />
      <div class="panel narrow">
        <h2>{t.emailCodeTitle}</h2>
        <p>{t.emailCodeText(status.registeredEmail)}</p>
        <form method="post" action={portalPaths.twoFactorSetUpCode} novalidate>
          <CsrfField chrome={context.chrome} />
          <Field
            chrome={context.chrome}
            name="code"
            label={t.emailCode}
            hint={t.emailCodeHint}
            required
            autocomplete="one-time-code"
            inputmode="numeric"
            maxlength={12}
            size="medium"
            problems={problems}
            autofocus={problems.length === 0}
          />
          <Actions>
            <button type="submit" class="button">
              {shellTexts[context.lang].continue}
            </button>
            <a href={portalPaths.twoFactor}>{shellTexts[context.lang].cancel}</a>
          </Actions>
        </form>
        <form method="post" action={portalPaths.twoFactorSetUp} class="secondary-form">
          <CsrfField chrome={context.chrome} />
          <button type="submit" class="link-button">
            {t.sendAgain}
          </button>
        </form>
      </div>
    </Layout>,
    { status: httpStatus },
  )
}

const codeEnded = redirect(`${portalPaths.twoFactorSetUp}?notice=code-ended`)

const emailCode = definePage({
  path: portalPaths.twoFactorSetUpCode,
  auth: "session",
  get: (context) => Effect.map(statusOf(context), (status) => emailCodePage(context, status)),
  post: (context) => {
    const t = twoFactorTexts[context.lang]
    const again = (problems: ReadonlyArray<FieldProblem>, httpStatus: number) =>
      Effect.map(statusOf(context), (status) => emailCodePage(context, status, problems, httpStatus))
    return formCode(context.lang, context.form, t.emailCode).pipe(
      Effect.flatMap((code) =>
        startEnrollment(context.session.accountId, code, context.session.metadata).pipe(
          Effect.as(redirect(portalPaths.twoFactorSetUpApp)),
          Effect.catchTags({
            CodeRejected: (error) =>
              error.attemptsLeft > 0
                ? again([{ name: "code", message: t.wrongCode(error.attemptsLeft) }], 403)
                : Effect.succeed(codeEnded),
            // No code waiting: expired, used up, or never sent.
            VerificationRequired: () => Effect.succeed(codeEnded),
          }),
          Effect.orDie,
        ),
      ),
      Effect.catchAll((problems) => again(problems, 422)),
    )
  },
})

export const setUpEmailPages = [verifyEmail, emailCode]
