import { Effect, Either } from "effect"
import { AccountSettings } from "../../../application/accounts/account-settings.js"
import {
  type PrimaryUserStatus,
  primaryUserStatus,
} from "../../../application/accounts/primary-user-account.js"
import { portalPaths } from "../portal-paths.js"
import { Actions, CsrfField, ErrorSummary, Field, type FieldProblem, Notice } from "../shell/components.js"
import { Layout } from "../shell/layout.js"
import { html, type PageContext, redirect } from "../shell/page.js"
import { passwordRule } from "./account-details-texts.js"
import { primaryUserTexts } from "./primary-user-texts.js"

// The three steps of the primary user account (manual 004, STEP 2, 3–8) as one page, at the step the
// account is at: the address typed twice, the mailed code with "click here to resend (168s)", the
// password update. The resend link counts down in the browser (portal.ts, `data-countdown`);
// without scripts it shows the seconds as of the page, and the server refuses a resend too soon.

export type Message = { readonly kind: "error" | "info" | "success"; readonly text: string }
type Ctx = PageContext<"session">

const page = (
  context: Ctx,
  body: unknown,
  message: Message | undefined,
  problems: ReadonlyArray<FieldProblem>,
  status: number,
) => {
  const t = primaryUserTexts[context.lang]
  return html(
    <Layout chrome={context.chrome} title={t.title}>
      {message ? <Notice kind={message.kind}>{message.text}</Notice> : null}
      <ErrorSummary chrome={context.chrome} problems={problems} />
      <div class="panel narrow">
        <p class="note">{t.steps}</p>
        {body}
      </div>
    </Layout>,
    { status },
  )
}

const assignStep = (context: Ctx, status: PrimaryUserStatus, problems: ReadonlyArray<FieldProblem>) => {
  const t = primaryUserTexts[context.lang]
  const { chrome } = context
  return (
    <>
      <h2>{t.assignTitle}</h2>
      <Notice kind="info">{t.assignWarning}</Notice>
      <p>{t.assignText}</p>
      <p>
        {t.originalAccount}: <strong>{"originalAccount" in status ? status.originalAccount : ""}</strong>
      </p>
      <form method="post" action={portalPaths.primaryUser} novalidate>
        <CsrfField chrome={chrome} />
        <Field
          chrome={chrome}
          name="email"
          label={t.email}
          type="email"
          autocomplete="email"
          required
          problems={problems}
          value={context.form.email}
        />
        <Field
          chrome={chrome}
          name="emailConfirmation"
          label={t.emailConfirmation}
          type="email"
          autocomplete="off"
          required
          problems={problems}
        />
        <Actions>
          <button type="submit" class="button">
            {t.verifyEmail}
          </button>
        </Actions>
      </form>
    </>
  )
}

const verifyStep = (
  context: Ctx,
  status: Extract<PrimaryUserStatus, { status: "code-sent" }>,
  problems: ReadonlyArray<FieldProblem>,
) => {
  const t = primaryUserTexts[context.lang]
  const { chrome } = context
  const waiting = status.resendInSeconds
  return (
    <>
      <h2>{t.verifyTitle}</h2>
      <p>{t.verifyText(status.sentTo)}</p>
      <form method="post" action={portalPaths.primaryUserCode} novalidate>
        <CsrfField chrome={chrome} />
        <Field
          chrome={chrome}
          name="code"
          label={t.code}
          hint={t.codeHint}
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
            {t.submit}
          </button>
        </Actions>
      </form>
      <form method="post" action={portalPaths.primaryUserResend} class="secondary-form">
        <CsrfField chrome={chrome} />
        {t.resendLead}
        <button
          type="submit"
          class="link-button"
          disabled={waiting > 0}
          data-countdown={String(waiting)}
          data-label={t.resend(0)}
          data-label-waiting={t.resend(9999).replace("9999", "{s}")}
        >
          {t.resend(waiting)}
        </button>
      </form>
    </>
  )
}

const passwordStep = (context: Ctx, problems: ReadonlyArray<FieldProblem>) =>
  Effect.gen(function* () {
    const t = primaryUserTexts[context.lang]
    const { chrome } = context
    const rule = passwordRule(chrome.lang, (yield* AccountSettings).passwordPolicy)
    const password = (name: (typeof passwordNames)[number], autocomplete: string, hint?: string) => (
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
    return (
      <>
        <h2>{t.passwordTitle}</h2>
        <p>{t.passwordText}</p>
        <Notice kind="info">{t.signsOut}</Notice>
        <form method="post" action={portalPaths.primaryUserPassword} novalidate>
          <CsrfField chrome={chrome} />
          {password("currentPassword", "current-password")}
          {password("newPassword", "new-password", rule)}
          {password("newPasswordConfirmation", "new-password")}
          <Actions>
            <button type="submit" class="button">
              {t.resetPassword}
            </button>
          </Actions>
        </form>
      </>
    )
  })

export const passwordNames = ["currentPassword", "newPassword", "newPasswordConfirmation"] as const

const notices = { resent: "resent", "code-ended": "codeEnded" } as const

/** The step the account is at, with any message and field problems of the form just sent. */
export const stepPage = (
  context: Ctx,
  options: {
    readonly message?: Message
    readonly problems?: ReadonlyArray<FieldProblem>
    readonly status?: number
  } = {},
) =>
  Effect.gen(function* () {
    const t = primaryUserTexts[context.lang]
    const problems = options.problems ?? []
    const notice = context.query.notice
    const message =
      options.message ??
      (notice !== undefined && Object.hasOwn(notices, notice)
        ? {
            kind: notice === "resent" ? ("info" as const) : ("error" as const),
            text: t[notices[notice as keyof typeof notices]],
          }
        : undefined)
    const found = yield* Effect.either(primaryUserStatus(context.session.accountId))
    // A personal account signs in by its address already: there is no step for it.
    if (Either.isLeft(found)) {
      if (found.left._tag === "NotABusinessAccount") return redirect(portalPaths.home)
      return yield* Effect.die(found.left)
    }
    const status = found.right
    const body =
      status.status === "none" ? (
        assignStep(context, status, problems)
      ) : status.status === "code-sent" ? (
        verifyStep(context, status, problems)
      ) : status.status === "awaiting-password" ? (
        yield* passwordStep(context, problems)
      ) : (
        <Notice kind="success">{t.doneText(status.email)}</Notice>
      )
    return page(context, body, message, problems, options.status ?? 200)
  })
