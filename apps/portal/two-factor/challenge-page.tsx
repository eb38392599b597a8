import { Effect, type Schema } from "effect"
import { completeLogin } from "../../../application/accounts/login-answers.js"
import type { ChallengeAnswer } from "../../../application/two-factor/login-challenge.js"
import { twoFactorRules } from "../../../domain/two-factor/two-factor.js"
import { customerMetadata } from "../../http/sessions/session-of.js"
import { portalPaths } from "../portal-paths.js"
import { Actions, CsrfField, ErrorSummary, Field, type FieldProblem, Notice } from "../shell/components.js"
import { Layout } from "../shell/layout.js"
import { localPath } from "../shell/mount-page.js"
import { html, type PageAnswer, type PageContext, redirect } from "../shell/page.js"
import { shellTexts } from "../shell/texts.js"
import { secondsUntil } from "../shell/wait.js"
import { signInCodeTexts } from "./sign-in-code-texts.js"
import { formCode } from "./typed-code.js"

// What every page of a sign-in's second step shares (manual 003's last section: the app's 6-digit
// code, an emergency access code mailed on request, a recovery code). The sign-in page leaves the
// login challenge's id in an HttpOnly cookie; each page answers that challenge, and a finished,
// locked or expired one clears it.

const clearChallenge = { name: "challenge", value: undefined } as const

export const nextOf = (context: PageContext) => context.query.next ?? context.form.next

/** A path of this flow, carrying where to go once signed in. */
export const withNext = (path: string, next: string | undefined) =>
  next === undefined
    ? path
    : `${path}?${new URLSearchParams({ next: localPath(next, portalPaths.products) })}`

/** The login cannot go on (locked, expired, or 2FA turned off meanwhile): say why, and sign in again. */
const endedPage = (context: PageContext, text: string, status: number) =>
  html(
    <Layout chrome={context.chrome} title={signInCodeTexts[context.lang].title}>
      <div class="panel narrow">
        <Notice kind="error">{text}</Notice>
        <p>
          <a class="button" href={withNext(portalPaths.signIn, nextOf(context))}>
            {signInCodeTexts[context.lang].backToSignIn}
          </a>
        </p>
      </div>
    </Layout>,
    { status, cookies: [clearChallenge] },
  )

const lockedPage = (context: PageContext, seconds: number) => {
  const t = signInCodeTexts[context.lang]
  return endedPage(context, `${t.locked}${shellTexts[context.lang].rateLimited(seconds)}`, 429)
}

/** The refusals every page of this flow meets on a challenge that cannot be answered any more. */
export const challengeEnded = (context: PageContext) => ({
  ChallengeLocked: (error: { readonly until: string }) =>
    Effect.map(secondsUntil(error.until), (seconds) => lockedPage(context, seconds)),
  ChallengeUnknown: () => Effect.succeed(endedPage(context, signInCodeTexts[context.lang].ended, 410)),
})

/** A page of this flow: only for a browser that passed the password step and is not signed in yet. */
export const withChallenge =
  <R,>(page: (context: PageContext, challengeId: string) => Effect.Effect<PageAnswer, never, R>) =>
  (context: PageContext) => {
    if (context.session) return Effect.succeed(redirect(localPath(nextOf(context), portalPaths.products)))
    const challengeId = context.cookie("challenge")
    if (challengeId === undefined || challengeId === "") {
      return Effect.succeed(redirect(withNext(portalPaths.signIn, nextOf(context))))
    }
    return page(context, challengeId)
  }

export interface CodeFormProps {
  readonly context: PageContext
  readonly title: string
  readonly lead: string
  readonly action: string
  readonly label: string
  readonly hint?: string
  readonly problems: ReadonlyArray<FieldProblem>
  readonly notice?: string | undefined
  readonly links: ReadonlyArray<{ readonly href: string; readonly text: string }>
}

export const codeFormPage = (props: CodeFormProps, status = 200) => {
  const { context } = props
  const next = nextOf(context)
  return html(
    <Layout chrome={context.chrome} title={props.title}>
      <ErrorSummary chrome={context.chrome} problems={props.problems} />
      {props.notice ? <Notice kind="error">{props.notice}</Notice> : null}
      <div class="panel narrow">
        <p>{props.lead}</p>
        <form method="post" action={props.action} novalidate>
          <CsrfField chrome={context.chrome} />
          {next === undefined ? null : <input type="hidden" name="next" value={next} />}
          <Field
            chrome={context.chrome}
            name="code"
            label={props.label}
            {...(props.hint === undefined ? {} : { hint: props.hint })}
            required
            autocomplete="one-time-code"
            inputmode={props.action === portalPaths.signInRecoveryCode ? "text" : "numeric"}
            maxlength={64}
            size="medium"
            problems={props.problems}
            autofocus={props.problems.length === 0}
          />
          <Actions>
            <button type="submit" class="button">
              {signInCodeTexts[context.lang].submit}
            </button>
          </Actions>
        </form>
        <ul class="plain-links">
          {props.links.map((link) => (
            <li>
              <a href={withNext(link.href, next)}>{link.text}</a>
            </li>
          ))}
        </ul>
      </div>
    </Layout>,
    { status },
  )
}

/**
 * Answers the challenge with a code from the form; signed in, the browser gets its session cookie and
 * loses the challenge. After an emergency code the application advises setting 2FA up again: the
 * status page says so.
 */
export const answer = (
  context: PageContext,
  challengeId: string,
  method: ChallengeAnswer["method"],
  form: (problems: ReadonlyArray<FieldProblem>, notice?: string) => CodeFormProps,
  schema?: Schema.Schema<string>,
) => {
  const t = signInCodeTexts[context.lang]
  const again = (problems: ReadonlyArray<FieldProblem>, status: number, notice?: string) =>
    Effect.succeed(codeFormPage(form(problems, notice), status))
  return formCode(context.lang, context.form, form([]).label, schema).pipe(
    Effect.flatMap((code) =>
      completeLogin(challengeId, { method, code }, customerMetadata(context.request)).pipe(
        Effect.map((signedIn) =>
          redirect(
            "advice" in signedIn
              ? `${portalPaths.twoFactor}?notice=emergency-login`
              : localPath(nextOf(context), portalPaths.products),
            { cookies: [clearChallenge, { name: "session", value: signedIn.token }] },
          ),
        ),
        Effect.catchTags({
          ...challengeEnded(context),
          // Turned off by support while this login waited.
          TwoFactorNotEnabled: () =>
            Effect.succeed(endedPage(context, signInCodeTexts[context.lang].ended, 410)),
          CodeRejected: (error) =>
            error.attemptsLeft > 0
              ? again([{ name: "code", message: t.wrongCode(error.attemptsLeft) }], 401)
              : // That was the last try: the challenge has just locked for the lockout.
                Effect.succeed(lockedPage(context, twoFactorRules.lockout / 1000)),
          RateLimited: (error) =>
            again([], 429, shellTexts[context.lang].rateLimited(error.retryAfterSeconds)),
          EmergencyCodeNotIssued: () =>
            Effect.succeed(redirect(withNext(portalPaths.signInEmergency, nextOf(context)))),
        }),
        Effect.orDie,
      ),
    ),
    Effect.catchAll((problems) => again(problems, 422)),
  )
}
