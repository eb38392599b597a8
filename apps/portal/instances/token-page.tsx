import { Effect, Either } from "effect"
import { issueRegistrationToken } from "../../../application/instances/instance-actions.js"
import { showInstance } from "../../../application/instances/instance-views.js"
import { formatInstant } from "../../../application/notifications/mail-dates.js"
import { portalPaths } from "../portal-paths.js"
import { assetPath } from "../shell/assets.js"
import { CsrfField, Notice } from "../shell/components.js"
import { Layout } from "../shell/layout.js"
import { definePage, html, type PageContext } from "../shell/page.js"
import { instancePath, RefusalNotice } from "./instance-parts.js"
import { type Refusal, refusedWith } from "./instance-refusals.js"
import { instancesTexts } from "./instances-texts.js"

// 既存製品の追加 (manual 004 STEP 3 1–3): the registration token, shown once in the answer to the POST
// (never in a URL, never kept but as its digest; every portal page is `Cache-Control: no-store`).
// The form carries the token that was waiting when it was shown, so the same form sent again (a
// reload of this answer) issues nothing and says the token was shown already.

const noStore = { "cache-control": "no-store" }

type Shown =
  | { readonly _tag: "Token"; readonly token: string; readonly expiresAt: string }
  | { readonly _tag: "ShownAlready"; readonly seen: string }
  | ({ readonly _tag: "Refused" } & Refusal)

const tokenPage = (context: PageContext<"session">, shown: Shown, status = 200) => {
  const { lang } = context
  const t = instancesTexts[lang]
  const id = context.params.id ?? ""
  const until = (at: string) => formatInstant(lang, at, context.session.account.timeZone)
  return html(
    <Layout chrome={context.chrome} title={t.tokenTitle} scripts={[assetPath("copy-token.js")]}>
      {shown._tag === "Refused" ? <RefusalNotice refusal={shown} /> : null}
      {shown._tag === "Token" ? (
        <section class="panel registration-token" aria-labelledby="token-title">
          <h2 id="token-title">{t.tokenTitle}</h2>
          <Notice kind="info">
            <strong>{t.tokenOnce}</strong>
          </Notice>
          <div class="field">
            <label for="registration-token">{t.tokenLabel}</label>
            <p class="hint" id="registration-token-hint">
              {t.tokenExpires(until(shown.expiresAt))}
            </p>
            <textarea
              id="registration-token"
              class="token"
              readonly
              rows={3}
              aria-describedby="registration-token-hint"
              autocomplete="off"
              spellcheck={false}
            >
              {shown.token}
            </textarea>
          </div>
          {/* Shown by the script: without JavaScript the token is selected and copied by hand. */}
          <p class="actions">
            <button type="button" class="button" hidden data-copy="registration-token" data-copied={t.copied}>
              {t.copy}
            </button>
            <span role="status" data-copy-status />
          </p>
          <p>{t.tokenSteps}</p>
        </section>
      ) : null}
      {shown._tag === "ShownAlready" ? (
        <section class="panel">
          <p>{t.tokenShown}</p>
          <form method="post" action={instancePath(portalPaths.instanceToken, id)}>
            <CsrfField chrome={context.chrome} />
            <input type="hidden" name="seen" value={shown.seen} />
            <button type="submit" class="button button-secondary">
              {t.newToken}
            </button>
          </form>
        </section>
      ) : null}
      <p>
        <a href={portalPaths.instances}>{t.back}</a>
      </p>
    </Layout>,
    { headers: noStore, status },
  )
}

/** The instance as it stands: a token may be issued only while it is ready. */
const current = (context: PageContext<"session">) =>
  showInstance(context.session.accountId, context.params.id ?? "").pipe(
    refusedWith(context.lang, context.session.account.timeZone),
  )

type Services =
  | Effect.Effect.Context<ReturnType<typeof current>>
  | Effect.Effect.Context<ReturnType<typeof issueRegistrationToken>>

export const tokenPages = [
  definePage<"session", Services>({
    path: portalPaths.instanceToken,
    auth: "session",
    secretParams: ["id"],
    // Opened by address (a bookmark, the back button): the token is never shown again.
    get: (context) =>
      Effect.gen(function* () {
        const view = yield* current(context)
        if (Either.isLeft(view))
          return tokenPage(context, { _tag: "Refused", ...view.left }, view.left.status)
        const t = instancesTexts[context.lang]
        const { status, tokenExpiresAt } = view.right
        if (status !== "ready")
          return tokenPage(context, {
            _tag: "Refused",
            status: 409,
            text: status === "provisioning" || status === "not-provisioned" ? t.notReady : t.alreadyConnected,
          })
        return tokenPage(context, { _tag: "ShownAlready", seen: tokenExpiresAt ?? "" })
      }),
    post: (context) =>
      Effect.gen(function* () {
        const { session } = context
        const view = yield* current(context)
        if (Either.isLeft(view))
          return tokenPage(context, { _tag: "Refused", ...view.left }, view.left.status)
        const waiting = view.right.tokenExpiresAt ?? ""
        if (view.right.status === "ready" && waiting !== (context.form.seen ?? ""))
          return tokenPage(context, { _tag: "ShownAlready", seen: waiting })
        const issued = yield* issueRegistrationToken(session.accountId, view.right.id, session.metadata).pipe(
          refusedWith(context.lang, session.account.timeZone),
        )
        if (Either.isLeft(issued))
          return tokenPage(context, { _tag: "Refused", ...issued.left }, issued.left.status)
        return tokenPage(context, { _tag: "Token", ...issued.right })
      }),
  }),
]
