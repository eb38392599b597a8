import { Effect, Predicate } from "effect"
import type { Child } from "hono/jsx"
import {
  disableTwoFactor,
  regenerateRecoveryCodes,
  twoFactorStatus,
} from "../../../application/two-factor/two-factor-settings.js"
import { portalPaths } from "../portal-paths.js"
import {
  Actions,
  CsrfField,
  ErrorSummary,
  type FieldProblem,
  Notice,
  PasswordAgainField,
} from "../shell/components.js"
import { fieldProblems } from "../shell/form-fields.js"
import { Layout } from "../shell/layout.js"
import { definePage, html, type PageAnswer, type PageContext, redirect } from "../shell/page.js"
import { shellTexts } from "../shell/texts.js"
import { RecoveryCodeList } from "./status-page.js"
import { twoFactorTexts } from "./two-factor-texts.js"

// Changes that take the password again (the application asks for it): turning 2FA off, and ten new
// recovery codes. Both only while 2FA is on; otherwise the status page says what there is to do.

const toStatus = redirect(portalPaths.twoFactor)

type Refusal = {
  readonly problems: ReadonlyArray<FieldProblem>
  readonly notice?: string
  readonly status: number
}

interface PasswordPage<R> {
  readonly path: string
  readonly title: (lang: PageContext["lang"]) => string
  readonly submit: (lang: PageContext["lang"]) => string
  readonly lead: (context: PageContext<"session">) => Child
  /** The change, once the password is given; its answer is the page to show or go to. */
  readonly change: (
    context: PageContext<"session">,
    password: string,
  ) => Effect.Effect<PageAnswer, { readonly _tag: string }, R>
}

const passwordForm = <R,>(page: PasswordPage<R>, context: PageContext<"session">, refusal?: Refusal) => {
  const t = twoFactorTexts[context.lang]
  const problems = refusal?.problems ?? []
  return html(
    <Layout chrome={context.chrome} title={page.title(context.lang)}>
      <ErrorSummary chrome={context.chrome} problems={problems} />
      {refusal?.notice ? <Notice kind="error">{refusal.notice}</Notice> : null}
      <div class="panel narrow">
        {page.lead(context)}
        <form method="post" action={page.path} novalidate>
          <CsrfField chrome={context.chrome} />
          <PasswordAgainField
            chrome={context.chrome}
            label={t.password}
            hint={t.passwordHint}
            problems={problems}
          />
          <Actions>
            <button type="submit" class="button">
              {page.submit(context.lang)}
            </button>
            <a href={portalPaths.twoFactor}>{shellTexts[context.lang].cancel}</a>
          </Actions>
        </form>
      </div>
    </Layout>,
    { status: refusal?.status ?? 200 },
  )
}

/** What the password check and the change can refuse, as the form shows it again; the rest is ours. */
const refusalOf = (context: PageContext<"session">, error: { readonly _tag: string }) => {
  if (Predicate.isTagged(error, "PasswordIncorrect")) {
    const message = twoFactorTexts[context.lang].passwordIncorrect
    return Effect.succeed<Refusal | PageAnswer>({ problems: [{ name: "password", message }], status: 403 })
  }
  if (Predicate.isTagged(error, "RateLimited") && Predicate.hasProperty(error, "retryAfterSeconds")) {
    const notice = shellTexts[context.lang].rateLimited(Number(error.retryAfterSeconds))
    return Effect.succeed<Refusal | PageAnswer>({ problems: [], notice, status: 429 })
  }
  // Turned off meanwhile (another tab, support): nothing to confirm any more.
  if (Predicate.isTagged(error, "TwoFactorNotEnabled")) return Effect.succeed<Refusal | PageAnswer>(toStatus)
  return Effect.die(error)
}

const passwordOf = (context: PageContext<"session">): Effect.Effect<string, Refusal> => {
  const password = context.form.password ?? ""
  if (password !== "") return Effect.succeed(password)
  const label = twoFactorTexts[context.lang].password
  const problems = fieldProblems(context.lang, [{ field: "/password", reason: "is required" }], {
    password: label,
  })
  return Effect.fail({ problems, status: 422 })
}

const isRefusal = (answer: Refusal | PageAnswer): answer is Refusal => "problems" in answer

/** A change behind the password: the form (only while 2FA is on), and its post. */
const passwordPage = <R,>(page: PasswordPage<R>) =>
  definePage<"session", R | Effect.Effect.Context<ReturnType<typeof twoFactorStatus>>>({
    path: page.path,
    auth: "session",
    get: (context) =>
      Effect.map(Effect.orDie(twoFactorStatus(context.session.accountId)), (status) =>
        status.status === "enabled" ? passwordForm(page, context) : toStatus,
      ),
    post: (context) =>
      passwordOf(context).pipe(
        Effect.flatMap((password) =>
          page.change(context, password).pipe(Effect.catchAll((error) => refusalOf(context, error))),
        ),
        Effect.merge,
        Effect.map((answer) => (isRefusal(answer) ? passwordForm(page, context, answer) : answer)),
      ),
  })

// == 2要素認証を無効にする (manual 003's confirmation, as a page of its own)

const disable = passwordPage({
  path: portalPaths.twoFactorDisable,
  title: (lang) => twoFactorTexts[lang].disableTitle,
  submit: (lang) => twoFactorTexts[lang].disable,
  lead: (context) => {
    const t = twoFactorTexts[context.lang]
    return (
      <>
        <p class="notice notice-warning">
          <span class="notice-icon" aria-hidden="true">
            ⚠
          </span>
          <span>{t.disableText}</span>
        </p>
        <p>
          <strong>{t.disableQuestion}</strong>
        </p>
      </>
    )
  },
  change: (context, password) =>
    Effect.as(
      disableTwoFactor(context.session.accountId, { password }, context.session.metadata),
      redirect(`${portalPaths.twoFactor}?notice=disabled`),
    ),
})

// == リカバリコードの再発行

const newRecoveryCodes = passwordPage({
  path: portalPaths.twoFactorRecoveryCodes,
  title: (lang) => twoFactorTexts[lang].newCodesTitle,
  submit: (lang) => twoFactorTexts[lang].issueCodes,
  lead: (context) => <p>{twoFactorTexts[context.lang].newCodesText}</p>,
  change: (context, password) =>
    // Shown in this answer only, never behind a redirect.
    Effect.map(
      regenerateRecoveryCodes(context.session.accountId, password, context.session.metadata),
      ({ recoveryCodes }) =>
        html(
          <Layout chrome={context.chrome} title={twoFactorTexts[context.lang].newCodesTitle}>
            <RecoveryCodeList chrome={context.chrome} codes={recoveryCodes} replaced />
          </Layout>,
        ),
    ),
})

export const settingsPages = [disable, newRecoveryCodes]
