import { Effect } from "effect"
import { twoFactorStatus } from "../../../application/two-factor/two-factor-settings.js"
import { resetVaultByCustomer, vaultStatus } from "../../../application/vault/index.js"
import { twoFactorRules } from "../../../domain/two-factor/two-factor.js"
import { portalPaths } from "../portal-paths.js"
import {
  Actions,
  CsrfField,
  ErrorSummary,
  Field,
  type FieldProblem,
  Notice,
  PasswordAgainField,
} from "../shell/components.js"
import { Layout } from "../shell/layout.js"
import { definePage, html, type PageContext, redirect } from "../shell/page.js"
import { shellTexts } from "../shell/texts.js"
import { secondsUntil } from "../shell/wait.js"
import { typedCode } from "../two-factor/typed-code.js"
import { vaultResetTexts } from "./vault-reset-texts.js"

// 保管庫をリセット without JavaScript and without the key (decision 44): the password, the app's code
// while 2FA is on, and the word RESET typed out. The use case checks them in that order.

const product = "id-protection" as const

interface ResetForm {
  readonly problems: ReadonlyArray<FieldProblem>
  readonly notice?: string
  readonly status: number
}

const resetForm = (context: PageContext<"session">, askCode: boolean, refusal?: ResetForm) => {
  const t = vaultResetTexts[context.lang]
  const problems = refusal?.problems ?? []
  return html(
    <Layout chrome={context.chrome} title={t.title}>
      <ErrorSummary chrome={context.chrome} problems={problems} />
      {refusal?.notice ? <Notice kind="error">{refusal.notice}</Notice> : null}
      <div class="panel narrow">
        <p class="notice notice-warning">
          <span class="notice-icon" aria-hidden="true">
            ⚠
          </span>
          <span>{t.warning}</span>
        </p>
        <p>{t.lead}</p>
        <form method="post" action={portalPaths.vaultReset} novalidate>
          <CsrfField chrome={context.chrome} />
          <PasswordAgainField
            chrome={context.chrome}
            label={t.password}
            hint={t.passwordHint}
            problems={problems}
          />
          {askCode ? (
            <Field
              chrome={context.chrome}
              name="code"
              label={t.code}
              hint={t.codeHint}
              autocomplete="one-time-code"
              inputmode="numeric"
              maxlength={16}
              size="short"
              required
              problems={problems}
            />
          ) : null}
          <Field
            chrome={context.chrome}
            name="confirmation"
            label={t.confirmation}
            hint={t.confirmationHint}
            autocomplete="off"
            maxlength={16}
            size="short"
            required
            problems={problems}
          />
          <Actions>
            <button type="submit" class="button">
              {t.submit}
            </button>
            <a href={portalPaths.vault}>{shellTexts[context.lang].cancel}</a>
          </Actions>
        </form>
      </div>
    </Layout>,
    { status: refusal?.status ?? 200 },
  )
}

const notActivatedPage = (context: PageContext<"session">, status: number) => {
  const t = vaultResetTexts[context.lang]
  return html(
    <Layout chrome={context.chrome} title={t.title}>
      <div class="panel narrow">
        <Notice kind={status === 200 ? "info" : "error"}>{t.notActivated}</Notice>
        <p>
          <a href={portalPaths.vault}>{t.backToVault}</a>
        </p>
      </div>
    </Layout>,
    { status },
  )
}

const donePage = (context: PageContext<"session">) => {
  const t = vaultResetTexts[context.lang]
  return html(
    <Layout chrome={context.chrome} title={t.doneTitle}>
      <div class="panel narrow">
        <Notice kind="success">
          <p data-vault-reset-done>{t.done}</p>
        </Notice>
        <p>{t.doneNext}</p>
        <p>
          <a class="button" href={portalPaths.vault}>
            {t.backToVault}
          </a>
        </p>
      </div>
    </Layout>,
  )
}

const askCodeFor = (accountId: string) =>
  Effect.map(Effect.orDie(twoFactorStatus(accountId)), (status) => status.status === "enabled")

const isActive = (accountId: string) =>
  Effect.map(Effect.orDie(vaultStatus(accountId, product)), (status) => status.state === "active")

type Needs =
  | Effect.Effect.Context<ReturnType<typeof resetVaultByCustomer>>
  | Effect.Effect.Context<ReturnType<typeof vaultStatus>>
  | Effect.Effect.Context<ReturnType<typeof twoFactorStatus>>
  | Effect.Effect.Context<ReturnType<typeof secondsUntil>>

export const vaultResetPage = definePage<"session", Needs>({
  path: portalPaths.vaultReset,
  auth: "session",
  get: (context) =>
    Effect.gen(function* () {
      if (context.query.notice === "done") return donePage(context)
      if (!(yield* isActive(context.session.accountId))) return notActivatedPage(context, 200)
      return resetForm(context, yield* askCodeFor(context.session.accountId))
    }),
  post: (context) =>
    Effect.gen(function* () {
      const t = vaultResetTexts[context.lang]
      const askCode = yield* askCodeFor(context.session.accountId)
      const again = (problems: ReadonlyArray<FieldProblem>, status: number, notice?: string) =>
        Effect.succeed(
          resetForm(context, askCode, { problems, status, ...(notice === undefined ? {} : { notice }) }),
        )
      const password = context.form.password ?? ""
      const confirmation = context.form.confirmation ?? ""
      const code = typedCode(context.form.code)
      // Blank fields are named together, before the use case spends an attempt on any of them.
      const blank: Array<FieldProblem> = []
      if (password === "") blank.push({ name: "password", message: t.passwordRequired })
      if (askCode && code === "") blank.push({ name: "code", message: t.codeRequired })
      if (confirmation.trim() === "") blank.push({ name: "confirmation", message: t.notConfirmed })
      if (blank.length > 0) return yield* again(blank, 422)
      return yield* resetVaultByCustomer(
        context.session.accountId,
        product,
        { password, confirmation, ...(code === "" ? {} : { code }) },
        context.session.metadata,
      ).pipe(
        Effect.as(redirect(`${portalPaths.vaultReset}?notice=done`)),
        Effect.catchTags({
          VaultResetNotConfirmed: () => again([{ name: "confirmation", message: t.notConfirmed }], 422),
          VaultNotActivated: () => Effect.succeed(notActivatedPage(context, 409)),
          PasswordIncorrect: () => again([{ name: "password", message: t.passwordIncorrect }], 403),
          // 2FA turned on in another tab since this form was shown: it now asks for the code.
          SecondFactorRequired: () =>
            Effect.succeed(
              resetForm(context, true, {
                problems: [{ name: "code", message: t.codeRequired }],
                status: 403,
              }),
            ),
          CodeRejected: (error) =>
            error.attemptsLeft > 0
              ? again([{ name: "code", message: t.wrongCode(error.attemptsLeft) }], 403)
              : again(
                  [],
                  429,
                  `${t.locked}${shellTexts[context.lang].rateLimited(twoFactorRules.lockout / 1000)}`,
                ),
          ChallengeLocked: (error) =>
            Effect.flatMap(secondsUntil(error.until), (seconds) =>
              again([], 429, `${t.locked}${shellTexts[context.lang].rateLimited(seconds)}`),
            ),
          RateLimited: (error) =>
            again([], 429, shellTexts[context.lang].rateLimited(error.retryAfterSeconds)),
        }),
        Effect.orDie,
      )
    }),
})
