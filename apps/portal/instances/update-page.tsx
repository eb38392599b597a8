import { Effect, Either } from "effect"
import { requestUpdate } from "../../../application/instances/instance-actions.js"
import { type InstanceView, showInstance } from "../../../application/instances/instance-views.js"
import { formatInstant } from "../../../application/notifications/mail-dates.js"
import type { UpdateAcceptances } from "../../../domain/instances/instance.js"
import { portalPaths } from "../portal-paths.js"
import { Actions, Checkbox, CsrfField, ErrorSummary, type FieldProblem, Notice } from "../shell/components.js"
import { Layout } from "../shell/layout.js"
import { definePage, html, type PageContext, redirect } from "../shell/page.js"
import { displayName, instancePath, RefusalNotice } from "./instance-parts.js"
import { type Refusal, refusedWith } from "./instance-refusals.js"
import { instancesTexts } from "./instances-texts.js"

// The update dialog (manual 004 STEP 3 13–14): the licence agreement, the privacy policy and the
// data-collection notice, each accepted by its own box, then the system update notice with its own
// acknowledgement. The application decides what is missing; the form comes back with a summary.
// The same dialog is the retry after the console's temporary problem.

type Acceptance = keyof UpdateAcceptances
const acceptances: ReadonlyArray<Acceptance> = [
  "licenseAgreement",
  "privacyNotice",
  "dataCollectionNotice",
  "acknowledged",
]

interface Shown {
  readonly ticked: ReadonlyArray<Acceptance>
  readonly missing: ReadonlyArray<Acceptance>
  readonly refusal?: Refusal
}

const Dialog = (props: { readonly context: PageContext<"session">; readonly view: InstanceView } & Shown) => {
  const { context, view } = props
  const t = instancesTexts[context.lang]
  const missingText: Record<Acceptance, string> = {
    licenseAgreement: t.missingLicence,
    privacyNotice: t.missingPrivacy,
    dataCollectionNotice: t.missingDataCollection,
    acknowledged: t.missingAcknowledgement,
  }
  const problems: ReadonlyArray<FieldProblem> = props.missing.map((name) => ({
    name,
    message: missingText[name],
  }))
  const box = (name: Acceptance, label: string) => (
    <Checkbox name={name} label={label} checked={props.ticked.includes(name)} problems={problems} />
  )
  return (
    <form method="post" action={instancePath(portalPaths.instanceUpdate, view.id)} novalidate>
      <CsrfField chrome={context.chrome} />
      <ErrorSummary chrome={context.chrome} problems={problems} />
      <section class="panel" aria-labelledby="update-target">
        <h2 id="update-target">{t.updateTarget}</h2>
        <p>{t.updateLead}</p>
        <p>
          {t.sharedData} {t.sharedItems}
        </p>
        <Notice kind="info">{t.licenceNote}</Notice>
        {box("licenseAgreement", t.acceptLicence)}
        {box("privacyNotice", t.acceptPrivacy)}
        {box("dataCollectionNotice", t.acceptDataCollection)}
      </section>
      <section class="panel update-notice" aria-labelledby="update-notice">
        <h2 id="update-notice">{t.noticeTitle}</h2>
        <dl class="facts">
          <dt>{t.permanentTitle}</dt>
          <dd>{t.permanent}</dd>
          <dt>{t.signOutTitle}</dt>
          <dd>{t.signOut}</dd>
          <dt>{t.upgradeTitle}</dt>
          <dd>{t.upgrade}</dd>
        </dl>
        {box("acknowledged", t.acknowledge)}
      </section>
      <Actions>
        <button type="submit" class="button">
          {t.start}
        </button>
        <a href={portalPaths.instances}>{t.back}</a>
      </Actions>
    </form>
  )
}

/** What stops the dialog before it is shown: the instance's state says the update is not for now. */
const notOpen = (lang: PageContext["lang"], view: InstanceView): Refusal | undefined => {
  const t = instancesTexts[lang]
  if (view.updated) return { text: t.alreadyUpdated, status: 409 }
  if (view.status === "updating") return { text: t.inProgress, status: 409 }
  if (view.status !== "connected") return { text: t.notConnected, status: 409 }
  return undefined
}

const updatePage = (context: PageContext<"session">, shown: Shown, status = 200) =>
  Effect.gen(function* () {
    const { lang } = context
    const t = instancesTexts[lang]
    const { timeZone } = context.session.account
    const found = yield* showInstance(context.session.accountId, context.params.id ?? "").pipe(
      refusedWith(lang, timeZone),
    )
    const view = Either.getOrUndefined(found)
    const closed = view === undefined ? undefined : notOpen(lang, view)
    const refusal = Either.isLeft(found) ? found.left : (shown.refusal ?? closed)
    // The last attempt's temporary problem, until it is tried again.
    const lastFailure =
      shown.refusal === undefined && view?.lastFailure && closed === undefined
        ? {
            text: t.temporaryProblem,
            status: 503 as const,
            retry: t.retryFrom(formatInstant(lang, view.lastFailure.retryAt, timeZone)),
          }
        : undefined
    return html(
      <Layout chrome={context.chrome} title={view ? `${displayName(view)}: ${t.updateTitle}` : t.updateTitle}>
        {refusal ? <RefusalNotice refusal={refusal} /> : null}
        {lastFailure ? <RefusalNotice refusal={lastFailure} /> : null}
        {view && closed === undefined ? (
          <Dialog context={context} view={view} {...shown} />
        ) : (
          <p>
            <a href={portalPaths.instances}>{t.back}</a>
          </p>
        )}
      </Layout>,
      { status: Either.isLeft(found) ? 404 : status },
    )
  })

type Services =
  | Effect.Effect.Context<ReturnType<typeof updatePage>>
  | Effect.Effect.Context<ReturnType<typeof requestUpdate>>

export const updatePages = [
  definePage<"session", Services>({
    path: portalPaths.instanceUpdate,
    auth: "session",
    secretParams: ["id"],
    get: (context) => updatePage(context, { ticked: [], missing: [] }),
    post: (context) =>
      Effect.gen(function* () {
        const { session, lang } = context
        const ticked = acceptances.filter((name) => context.form[name] === "on")
        const outcome = yield* requestUpdate(
          session.accountId,
          context.params.id ?? "",
          {
            licenseAgreement: ticked.includes("licenseAgreement"),
            privacyNotice: ticked.includes("privacyNotice"),
            dataCollectionNotice: ticked.includes("dataCollectionNotice"),
            acknowledged: ticked.includes("acknowledged"),
          },
          session.metadata,
        ).pipe(
          Effect.map(() => ({ missing: [] as ReadonlyArray<Acceptance> })),
          Effect.catchTag("AcknowledgementRequired", (error) => Effect.succeed({ missing: error.missing })),
          refusedWith(lang, session.account.timeZone),
        )
        if (Either.isLeft(outcome))
          return yield* updatePage(
            context,
            { ticked, missing: [], refusal: outcome.left },
            outcome.left.status,
          )
        if (outcome.right.missing.length > 0)
          return yield* updatePage(context, { ticked, missing: outcome.right.missing }, 422)
        return redirect(`${portalPaths.instances}?notice=updating`)
      }),
  }),
]
