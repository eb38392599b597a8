import { Effect, Either } from "effect"
import { provisionInstance } from "../../../application/instances/instance-actions.js"
import { type InstanceView, listAccountInstances } from "../../../application/instances/instance-views.js"
import { listLicenses } from "../../../application/licensing/customer-licenses.js"
import { formatInstant } from "../../../application/notifications/mail-dates.js"
import { portalPaths } from "../portal-paths.js"
import { CsrfField, Notice } from "../shell/components.js"
import { Layout } from "../shell/layout.js"
import { type Chrome, definePage, html, type PageContext, redirect } from "../shell/page.js"
import { displayName, instancePath, RefusalNotice } from "./instance-parts.js"
import { type Refusal, refusedWith } from "./instance-refusals.js"
import { instancesTexts } from "./instances-texts.js"

// Manual 004's Product Instance screen: one row per Apex One SaaS licence, its status in words and
// the action its state allows. Each action is a form (CSRF field); Provision Console redirects back
// here (Post/Redirect/Get), 既存製品の追加 answers with the token page, アップデート opens the dialog.

/** The action of a row's state; while the console works, only a hint to reload. */
const RowAction = (props: { readonly chrome: Chrome; readonly view: InstanceView }) => {
  const t = instancesTexts[props.chrome.lang]
  const { view } = props
  switch (view.status) {
    case "not-provisioned":
      return (
        <form method="post" action={portalPaths.instances}>
          <CsrfField chrome={props.chrome} />
          <input type="hidden" name="licence" value={view.licenseId} />
          <button type="submit" class="button">
            {t.provision}
          </button>
        </form>
      )
    case "ready":
      return (
        <form method="post" action={instancePath(portalPaths.instanceToken, view.id)}>
          <CsrfField chrome={props.chrome} />
          {/* The token waiting when this form was shown: a reload of its answer issues no second one. */}
          <input type="hidden" name="seen" value={view.tokenExpiresAt ?? ""} />
          <button type="submit" class="button">
            {t.addExisting}
          </button>
        </form>
      )
    case "connected":
      return view.updated ? null : (
        <a class="button" href={instancePath(portalPaths.instanceUpdate, view.id)}>
          {t.update}
        </a>
      )
    case "provisioning":
    case "updating":
      return <p class="hint">{t.reload}</p>
  }
}

/** What the redirect here announces (shown while it is still so: a reload after the step shows none), or a refusal. */
type ListNotice =
  | { readonly kind: "started"; readonly status: InstanceView["status"]; readonly text: string }
  | { readonly kind: "refused"; readonly refusal: Refusal }

const instancesPage = (context: PageContext<"session">, notice?: ListNotice, status = 200) =>
  Effect.gen(function* () {
    const { lang } = context
    const t = instancesTexts[lang]
    const { timeZone } = context.session.account
    const views = yield* listAccountInstances(context.session.accountId)
    const keys = new Map(
      (yield* Effect.orDie(listLicenses(context.session.accountId))).map((l) => [l.id, l.licenseKey]),
    )
    const when = (at: string) => formatInstant(lang, at, timeZone)
    return html(
      <Layout chrome={context.chrome} title={t.title}>
        {notice?.kind === "started" && views.some((view) => view.status === notice.status) ? (
          <Notice kind="success">{notice.text}</Notice>
        ) : null}
        {notice?.kind === "refused" ? <RefusalNotice refusal={notice.refusal} /> : null}
        {views.flatMap((view) =>
          view.lastFailure && view.status === "connected" && !view.updated
            ? [
                <RefusalNotice
                  label={displayName(view)}
                  refusal={{
                    text: t.temporaryProblem,
                    status: 503,
                    retry: t.retryFrom(when(view.lastFailure.retryAt)),
                  }}
                />,
              ]
            : [],
        )}
        <p class="lead">{t.lead}</p>
        {views.length === 0 ? (
          <p class="empty">{t.none}</p>
        ) : (
          <table class="instances">
            <caption class="visually-hidden">{t.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t.columnName}</th>
                <th scope="col">{t.columnLicence}</th>
                <th scope="col">{t.columnStatus}</th>
                <th scope="col">{t.columnUsers}</th>
                <th scope="col">{t.columnAction}</th>
              </tr>
            </thead>
            <tbody>
              {views.map((view) => (
                <tr data-instance={view.status} data-updated={view.updated ? "yes" : "no"}>
                  <th scope="row">{displayName(view)}</th>
                  <td>
                    <span class="key">{keys.get(view.licenseId) ?? ""}</span>
                  </td>
                  <td data-status>
                    {t.status(view.status)}
                    {view.tokenExpiresAt ? (
                      <p class="hint">{t.tokenWaiting(when(view.tokenExpiresAt))}</p>
                    ) : null}
                  </td>
                  <td>
                    {view.status === "connected" || view.status === "updating" ? (
                      <a
                        href={instancePath(portalPaths.instanceUsers, view.id)}
                        aria-label={`${t.usersOf(displayName(view))}: ${t.users(view.consoleUsers)}`}
                      >
                        {t.users(view.consoleUsers)}
                      </a>
                    ) : (
                      t.users(view.consoleUsers)
                    )}
                  </td>
                  <td>
                    <RowAction chrome={context.chrome} view={view} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Layout>,
      { status },
    )
  })

type Services =
  | Effect.Effect.Context<ReturnType<typeof instancesPage>>
  | Effect.Effect.Context<ReturnType<typeof provisionInstance>>

export const instanceListPages = [
  definePage<"session", Services>({
    path: portalPaths.instances,
    auth: "session",
    get: (context) =>
      Effect.gen(function* () {
        const t = instancesTexts[context.lang]
        const notice = context.query.notice
        return yield* instancesPage(
          context,
          notice === "provisioning"
            ? { kind: "started", status: "provisioning", text: t.provisioning }
            : notice === "updating"
              ? { kind: "started", status: "updating", text: t.updating }
              : undefined,
        )
      }),
    post: (context) =>
      Effect.gen(function* () {
        const { session, lang } = context
        const outcome = yield* provisionInstance(
          session.accountId,
          context.form.licence ?? "",
          session.metadata,
        ).pipe(refusedWith(lang, session.account.timeZone))
        if (Either.isLeft(outcome))
          return yield* instancesPage(
            context,
            { kind: "refused", refusal: outcome.left },
            outcome.left.status,
          )
        return redirect(`${portalPaths.instances}?notice=provisioning`)
      }),
  }),
]
