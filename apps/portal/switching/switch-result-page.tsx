import { DateTime, Effect } from "effect"
import { formatCalendarDate } from "../../../application/notifications/mail-dates.js"
import { now } from "../../../application/platform/now.js"
import {
  type CustomerSwitchResult,
  customerSwitchResults,
} from "../../../application/switching/switch-result.js"
import { calendarDateIn } from "../../../domain/licensing/license-status.js"
import { portalPaths } from "../portal-paths.js"
import { Notice } from "../shell/components.js"
import { Layout } from "../shell/layout.js"
import { definePage, html, type PageContext } from "../shell/page.js"
import { switchResultTexts } from "./switch-result-texts.js"

// The licence switch's result page of manual 000 (the site the 「切り替えが完了しました」 mail links to):
// 「ID プロテクションを利用する準備ができました」 with [ID プロテクションを開く], or why not and what to do,
// or "not yet" before the programme's results day.

type Lang = PageContext<"session">["lang"]

const ResultPanel = (props: {
  readonly lang: Lang
  readonly result: CustomerSwitchResult
  /** The account's calendar day: a "not yet" past its results day is a run that has not got there. */
  readonly today: string
}) => {
  const t = switchResultTexts[props.lang]
  const { result, lang } = props
  const from = result.fromProduct.names[lang]
  const to = result.toProduct.names[lang]
  switch (result.status) {
    case "not-yet":
      return (
        <section class="panel" data-switch={result.status}>
          <p>
            {result.resultsFrom <= props.today
              ? t.pending(to)
              : t.notYet(to, formatCalendarDate(lang, result.resultsFrom))}
          </p>
        </section>
      )
    case "switched":
      return (
        <section class="panel" data-switch={result.status} aria-labelledby={`switch-${result.licenseId}`}>
          <h2 id={`switch-${result.licenseId}`}>{t.ready(to)}</h2>
          <p>{t.switchedFrom(from, to)}</p>
          <dl class="facts">
            <dt>{t.expiresOn}</dt>
            <dd>{formatCalendarDate(lang, result.expiresOn)}</dd>
          </dl>
          <p>{t.moveData(from)}</p>
          <p class="actions">
            <a class="button" href={portalPaths.vault}>
              {t.open(to)}
            </a>
            <a class="button button-secondary" href={portalPaths.passwordManagerData}>
              {t.dataLink(from)}
            </a>
          </p>
        </section>
      )
    case "not-switched":
      return (
        <section class="panel" data-switch={result.status} aria-labelledby={`switch-${result.licenseId}`}>
          <h2 id={`switch-${result.licenseId}`}>{t.notSwitched(to)}</h2>
          <p>{t.reason(result.reason)}</p>
          <p>{t.newContract(to)}</p>
          <p>
            {t.importStill(from, to)} <a href={portalPaths.passwordManagerData}>{t.dataLink(from)}</a>
          </p>
        </section>
      )
  }
}

export const switchResultPages = [
  definePage({
    path: portalPaths.switchResult,
    auth: "session",
    get: (context) =>
      Effect.gen(function* () {
        const t = switchResultTexts[context.lang]
        const results = yield* Effect.orDie(customerSwitchResults(context.session.accountId))
        const today = calendarDateIn(DateTime.unsafeMake(yield* now), context.session.account.timeZone)
        return html(
          <Layout chrome={context.chrome} title={t.title}>
            {results.length === 0 ? <Notice kind="info">{t.none}</Notice> : null}
            {results.map((result) => (
              <ResultPanel lang={context.lang} result={result} today={today} />
            ))}
            {results.length === 0 ? null : <p class="hint">{t.support}</p>}
          </Layout>,
        )
      }),
  }),
]
