import { Effect } from "effect"
import { appSessionsOf, endOwnAppSession } from "../../../application/apps/app-sessions.js"
import { CatalogDirectory } from "../../../application/catalog/catalog-directory.js"
import { formatInstant } from "../../../application/notifications/mail-dates.js"
import { portalPaths } from "../portal-paths.js"
import { CsrfField, Notice } from "../shell/components.js"
import { Layout } from "../shell/layout.js"
import { definePage, html, type PageContext, redirect } from "../shell/page.js"
import { devicesTexts } from "./devices-texts.js"

// The account's app sessions, as manual 000's apps sign in: one row per device, each with its own
// sign-out. The post redirects back with the device's name, so a reload does not post again.

const devicesPage = (context: PageContext<"session">, notice?: { kind: "success" | "info"; text: string }) =>
  Effect.gen(function* () {
    const t = devicesTexts[context.lang]
    const { timeZone } = context.session.account
    const devices = yield* appSessionsOf(context.session.accountId)
    const products = new Map((yield* (yield* CatalogDirectory).list).map((p) => [p.productId, p.names]))
    const when = (at: string) => formatInstant(context.lang, at, timeZone)
    return html(
      <Layout chrome={context.chrome} title={t.title}>
        {notice ? <Notice kind={notice.kind}>{notice.text}</Notice> : null}
        <div class="panel">
          <p>{t.lead}</p>
          {devices.length === 0 ? (
            <p class="empty">{t.none}</p>
          ) : (
            <table class="devices">
              <thead>
                <tr>
                  <th scope="col">{t.device}</th>
                  <th scope="col">{t.product}</th>
                  <th scope="col">{t.signedInAt}</th>
                  <th scope="col">{t.lastUsedAt}</th>
                  <th scope="col">{t.action}</th>
                </tr>
              </thead>
              <tbody>
                {devices.map((device) => (
                  <tr data-device={device.sessionId}>
                    <th scope="row">{device.deviceName}</th>
                    <td>{products.get(device.productId)?.[context.lang] ?? device.productId}</td>
                    <td>{when(device.openedAt)}</td>
                    <td>{when(device.lastRefreshedAt)}</td>
                    <td>
                      <form method="post" action={portalPaths.devices}>
                        <CsrfField chrome={context.chrome} />
                        <input type="hidden" name="device" value={device.sessionId} />
                        <button
                          type="submit"
                          class="button secondary"
                          aria-label={t.signOutDevice(device.deviceName)}
                        >
                          {t.signOut}
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </Layout>,
    )
  })

type Services =
  | Effect.Effect.Context<ReturnType<typeof devicesPage>>
  | Effect.Effect.Context<ReturnType<typeof endOwnAppSession>>

export const devicesPages = [
  definePage<"session", Services>({
    path: portalPaths.devices,
    auth: "session",
    get: (context) =>
      Effect.gen(function* () {
        const t = devicesTexts[context.lang]
        const signedOut = context.query.signedOut
        if (signedOut === undefined) return yield* devicesPage(context)
        return yield* devicesPage(
          context,
          signedOut === ""
            ? { kind: "info", text: t.alreadyGone }
            : { kind: "success", text: t.signedOut(signedOut) },
        )
      }),
    post: (context) =>
      Effect.gen(function* () {
        const sessionId = context.form.device ?? ""
        const device = (yield* appSessionsOf(context.session.accountId)).find(
          (d) => d.sessionId === sessionId,
        )
        // Another account's id, or one already signed out: nothing of this account's to end.
        if (device === undefined) return redirect(`${portalPaths.devices}?signedOut=`)
        yield* endOwnAppSession(context.session.accountId, sessionId, context.session.metadata).pipe(
          Effect.catchTag("AppSessionUnknown", () => Effect.void),
          Effect.orDie,
        )
        return redirect(`${portalPaths.devices}?${new URLSearchParams({ signedOut: device.deviceName })}`)
      }),
  }),
]
