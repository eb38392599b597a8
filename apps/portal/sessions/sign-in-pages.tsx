import { Effect } from "effect"
import { logIn } from "../../../application/accounts/login-answers.js"
import { signOut } from "../../../application/accounts/sessions.js"
import { addressOf, customerMetadata } from "../../http/sessions/session-of.js"
import { portalPaths } from "../portal-paths.js"
import { Actions, Checkbox, CsrfField, Field, Notice } from "../shell/components.js"
import { Layout } from "../shell/layout.js"
import { localPath } from "../shell/mount-page.js"
import { type Chrome, definePage, html, type PageContext, redirect } from "../shell/page.js"
import { definePortalFeature } from "../shell/portal-feature.js"
import { shellTexts } from "../shell/texts.js"
import { secondsUntil } from "../shell/wait.js"
import { signInTexts } from "./sign-in-texts.js"

const oneYear = 365 * 24 * 3600

type Message = { readonly kind: "error" | "success" | "info"; readonly text: string }

const SignInForm = (props: {
  readonly chrome: Chrome
  readonly loginId: string
  readonly remember: boolean
  readonly next: string | undefined
  readonly message: Message | undefined
}) => {
  const t = signInTexts[props.chrome.lang]
  return (
    <div class="sign-in">
      <p class="lead">
        <strong>{t.tagline}</strong>
        <br />
        {t.intro}
      </p>
      <div class="panel narrow">
        <h2>{t.formTitle}</h2>
        {props.message ? <Notice kind={props.message.kind}>{props.message.text}</Notice> : null}
        <form method="post" action={portalPaths.signIn} novalidate>
          <CsrfField chrome={props.chrome} />
          {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
          <Field
            chrome={props.chrome}
            name="loginId"
            label={t.loginId}
            value={props.loginId}
            autocomplete="username"
            required
            problems={[]}
            autofocus={props.loginId === ""}
          />
          <Field
            chrome={props.chrome}
            name="password"
            label={t.password}
            type="password"
            autocomplete="current-password"
            required
            problems={[]}
            autofocus={props.loginId !== ""}
          />
          <p>
            <a href={portalPaths.passwordReset}>{t.forgot}</a>
          </p>
          <Checkbox name="remember" label={t.remember} checked={props.remember} problems={[]} />
          <Actions>
            <button type="submit" class="button">
              {t.submit}
            </button>
          </Actions>
        </form>
      </div>
      <div class="panel narrow">
        <h2>{t.firstTime}</h2>
        <p>{t.firstTimeText}</p>
        <a class="button button-secondary" href={portalPaths.register}>
          {t.register}
        </a>
      </div>
    </div>
  )
}

const signInPage = (
  context: PageContext,
  values: { readonly loginId: string; readonly remember: boolean; readonly message?: Message },
  status = 200,
) =>
  html(
    <Layout chrome={context.chrome} title={signInTexts[context.lang].title}>
      <SignInForm
        chrome={context.chrome}
        loginId={values.loginId}
        remember={values.remember}
        next={context.query.next ?? context.form.next}
        message={values.message}
      />
    </Layout>,
    { status },
  )

const queryMessage = (context: PageContext): Message | undefined => {
  const t = signInTexts[context.lang]
  if (context.query.expired === "1") return { kind: "info", text: shellTexts[context.lang].sessionExpired }
  if (context.query.notice === "signed-out") return { kind: "success", text: t.signedOut }
  return undefined
}

const afterSignIn = (next: string | undefined) => localPath(next, portalPaths.products)

const withNext = (path: string, next: string | undefined) =>
  next === undefined ? path : `${path}?${new URLSearchParams({ next: afterSignIn(next) })}`

export const signInFeature = definePortalFeature({
  name: "sessions",
  pages: [
    definePage({
      path: portalPaths.home,
      auth: "none",
      get: ({ session }) => Effect.succeed(redirect(session ? portalPaths.products : portalPaths.signIn)),
    }),
    definePage({
      path: portalPaths.signIn,
      auth: "none",
      get: (context) => {
        if (context.session) return Effect.succeed(redirect(afterSignIn(context.query.next)))
        const remembered = context.cookie("rememberedLoginId")
        return Effect.succeed(
          signInPage(context, {
            loginId: remembered ?? "",
            remember: remembered !== undefined,
            ...(queryMessage(context) ? { message: queryMessage(context)! } : {}),
          }),
        )
      },
      post: (context) => {
        const t = signInTexts[context.lang]
        const loginId = (context.form.loginId ?? "").trim()
        const password = context.form.password ?? ""
        const remember = context.form.remember === "on"
        const next = context.form.next
        const refused = (text: string, status: number) =>
          Effect.succeed(signInPage(context, { loginId, remember, message: { kind: "error", text } }, status))
        if (loginId === "" || password === "") return refused(t.missing, 422)
        const rememberCookie = {
          name: "rememberedLoginId",
          value: remember ? loginId : undefined,
          maxAge: oneYear,
        } as const
        return logIn({
          loginId,
          password,
          address: addressOf(context.request),
          metadataFor: customerMetadata(context.request),
        }).pipe(
          Effect.map((login) => {
            if (login._tag === "TwoFactorRequired") {
              const { challenge } = login.answer
              const seconds = Math.max(1, Math.round((Date.parse(challenge.expiresAt) - Date.now()) / 1000))
              return redirect(withNext(portalPaths.signInCode, next), {
                cookies: [rememberCookie, { name: "challenge", value: challenge.id, maxAge: seconds }],
              })
            }
            const to = login.answer.twoFactor.recommendation
              ? withNext(portalPaths.twoFactorRecommendation, next ?? portalPaths.products)
              : afterSignIn(next)
            return redirect(to, { cookies: [rememberCookie, { name: "session", value: login.answer.token }] })
          }),
          Effect.catchTags({
            InvalidCredentials: () => refused(t.invalidCredentials, 401),
            RateLimited: (error) =>
              refused(shellTexts[context.lang].rateLimited(error.retryAfterSeconds), 429),
            // Too many wrong second-factor codes lock the account's logins for a while (manual 003).
            ChallengeLocked: (error) =>
              Effect.flatMap(secondsUntil(error.until), (seconds) =>
                refused(shellTexts[context.lang].rateLimited(seconds), 429),
              ),
          }),
          // What is left (a conflict that outlasted its retries) is no mistake of the user's: a 500 page.
          Effect.orDie,
        )
      },
    }),
    definePage({
      path: portalPaths.signOut,
      auth: "session",
      post: ({ session }) =>
        Effect.as(
          signOut(session.sessionId),
          redirect(`${portalPaths.signIn}?notice=signed-out`, {
            cookies: [{ name: "session", value: undefined }],
          }),
        ),
    }),
  ],
})
