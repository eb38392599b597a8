import { Effect, Option } from "effect"
import { instanceProduct } from "../../../application/instances/instance-actions.js"
import { type LicenseView, listLicenses } from "../../../application/licensing/customer-licenses.js"
import { LicenseDirectory } from "../../../application/licensing/license-directory.js"
import { updateTarget } from "../../../domain/instances/instance.js"
import { defaultTimeZone } from "../../../domain/licensing/license-status.js"
import { instancesTexts } from "../instances/instances-texts.js"
import { SunsetBanner, sunsetNotices } from "../lifecycle/sunset-banner.js"
import { portalPaths } from "../portal-paths.js"
import { Notice } from "../shell/components.js"
import { Layout } from "../shell/layout.js"
import { definePage, html, type PageContext } from "../shell/page.js"
import type { Lang } from "../shell/texts.js"
import { licenseTypeText, printedDate } from "./key-preview.js"
import { licensingTexts } from "./licensing-texts.js"

type Status = LicenseView["status"]

// The manual's three icons (✓ 有効期限内, ⚠ 間もなく期限切れ, ✖ 有効期限切れ); a suspended licence,
// which the manual does not show, gets a fourth so that it never passes for a valid one.
const statuses: Record<Status, { readonly icon: string; readonly css: string }> = {
  active: { icon: "✓", css: "status-valid" },
  expiring_soon: { icon: "⚠", css: "status-expiring" },
  expired: { icon: "✖", css: "status-expired" },
  suspended: { icon: "⊘", css: "status-expired" },
}

const statusText = (lang: Lang, status: Status) => {
  const t = licensingTexts[lang]
  switch (status) {
    case "active":
      return t.active
    case "expiring_soon":
      return t.expiringSoon
    case "expired":
      return t.expired
    case "suspended":
      return t.suspended
  }
}

/** An icon the eye reads, and its words for a screen reader (the icon alone says nothing to one). */
const StatusIcon = (props: { readonly lang: Lang; readonly status: Status }) => {
  const { icon, css } = statuses[props.status]
  const text = statusText(props.lang, props.status)
  return (
    <span class={`status ${css}`} title={text}>
      <span class="status-icon" aria-hidden="true">
        {icon}
      </span>
      <span class="visually-hidden">{text}</span>
    </span>
  )
}

// Manual 004: an Apex One SaaS licence of a business account leads to its product instance.
const instanceProducts: ReadonlyArray<string> = [instanceProduct, updateTarget]

const Row = (props: { readonly lang: Lang; readonly license: LicenseView; readonly business: boolean }) => {
  const { lang, license } = props
  const t = licensingTexts[lang]
  const name = license.productName[lang]
  return (
    <tr class={`license license-${license.status}`}>
      <td>
        <div class="license-product">
          <StatusIcon lang={lang} status={license.status} />
          <div>
            <span class="product-name">{name}</span>
            <span class="key">{license.licenseKey}</span>
          </div>
        </div>
      </td>
      <td>{license.seats}</td>
      <td>{licenseTypeText(lang, license.licenseType)}</td>
      <td>{printedDate(lang, license.expiresOn)}</td>
      <td>
        {license.consoleUrl === null ? null : (
          <a class="console-link" href={license.consoleUrl} target="_blank" rel="noopener noreferrer">
            <span aria-hidden="true">↗ </span>
            {t.openConsole}
            <span class="visually-hidden">{`: ${name}${t.newTab}`}</span>
          </a>
        )}
        {props.business && instanceProducts.includes(license.productId) ? (
          <a class="instance-link" href={portalPaths.instances}>
            {instancesTexts[lang].link}
            <span class="visually-hidden">{`: ${name}`}</span>
          </a>
        ) : null}
      </td>
    </tr>
  )
}

const Legend = (props: { readonly lang: Lang; readonly shown: ReadonlyArray<Status> }) => {
  const t = licensingTexts[props.lang]
  return (
    <ul class="legend" aria-label={t.legend}>
      {props.shown.map((status) => (
        <li>
          <span class={`status ${statuses[status].css}`}>
            <span class="status-icon" aria-hidden="true">
              {statuses[status].icon}
            </span>
            {statusText(props.lang, status)}
          </span>
        </li>
      ))}
    </ul>
  )
}

/** The message a redirect here asks for (Post/Redirect/Get): registered, or a key added. */
const noticeOf = (context: PageContext, licenses: ReadonlyArray<LicenseView>): string | undefined => {
  const t = licensingTexts[context.lang]
  if (context.query.notice === "added") return t.added
  if (context.query.notice === "registered") {
    const license = licenses.find((l) => l.productId === context.query.product)
    return license === undefined ? undefined : t.registered(license.productName[context.lang])
  }
  return undefined
}

/** 製品/サービス (manual 002, Step 5 of the first registration): the account's licences and their status now. */
export const productsPage = definePage({
  path: portalPaths.products,
  auth: "session",
  get: (context) =>
    Effect.gen(function* () {
      const { lang } = context
      const t = licensingTexts[lang]
      // The session's account exists (the shell checked it): a failure here is a 500 page.
      const licenses = yield* Effect.orDie(listLicenses(context.session.accountId))
      const notice = noticeOf(context, licenses)
      const sunsets = yield* sunsetNotices(licenses.map((l) => l.productId))
      const timeZone = Option.match(yield* (yield* LicenseDirectory).listContext(context.session.accountId), {
        onNone: () => defaultTimeZone,
        onSome: (listed) => listed.timeZone,
      })
      const legend: ReadonlyArray<Status> = licenses.some((l) => l.status === "suspended")
        ? ["active", "expiring_soon", "expired", "suspended"]
        : ["active", "expiring_soon", "expired"]
      return html(
        <Layout chrome={context.chrome} title={t.productsTitle}>
          {notice === undefined ? null : <Notice kind="success">{notice}</Notice>}
          <SunsetBanner lang={lang} timeZone={timeZone} notices={sunsets} />
          <p class="page-actions">
            <a class="button" href={portalPaths.addKey}>
              {t.enterKey}
            </a>
          </p>
          {licenses.length === 0 ? (
            <p>{t.noProducts}</p>
          ) : (
            <table class="licenses">
              <caption class="visually-hidden">{t.productsTitle}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.columnProduct}</th>
                  <th scope="col">{t.columnSeats}</th>
                  <th scope="col">{t.columnLicenseType}</th>
                  <th scope="col">{t.columnExpiresOn}</th>
                  <th scope="col">{t.columnAction}</th>
                </tr>
              </thead>
              <tbody>
                {licenses.map((license) => (
                  <Row lang={lang} license={license} business={context.session.account.kind === "business"} />
                ))}
              </tbody>
            </table>
          )}
          <Legend lang={lang} shown={legend} />
        </Layout>,
      )
    }),
})
