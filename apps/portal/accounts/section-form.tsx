import type { Child } from "hono/jsx"
import type { Section } from "../../../application/accounts/section-seen.js"
import { Actions, CsrfField, ErrorSummary, Notice } from "../shell/components.js"
import type { Chrome } from "../shell/page.js"
import { shellTexts } from "../shell/texts.js"
import { accountDetailsTexts, sectionName } from "./account-details-texts.js"
import type { SectionFormState } from "./section-page.js"

/** What became of the last post: saved, or not saved because the section changed meanwhile. */
export const SectionNotices = (props: {
  readonly chrome: Chrome
  readonly section: Section
  readonly state: SectionFormState
}) => {
  const { chrome, state } = props
  const t = accountDetailsTexts[chrome.lang]
  return (
    <>
      {state.saved ? <Notice kind="success">{t.saved}</Notice> : null}
      {state.changedMeanwhile ? (
        <Notice kind="error">
          <p>{t.changedMeanwhile(sectionName(chrome.lang, props.section))}</p>
          {state.changedMeanwhile.length > 0 ? (
            <>
              <p>{t.changedMeanwhileList}</p>
              <dl class="facts">
                {state.changedMeanwhile.map((entry) => (
                  <>
                    <dt>{entry.label}</dt>
                    <dd>{entry.value}</dd>
                  </>
                ))}
              </dl>
            </>
          ) : null}
          <p>{t.changedMeanwhileAgain}</p>
        </Notice>
      ) : null}
    </>
  )
}

/** A section's form: the refused fields first, the inputs, the version it is based on, 送信. */
export const SectionForm = (props: {
  readonly chrome: Chrome
  readonly action: string
  readonly state: SectionFormState
  readonly children: Child
}) => {
  const { chrome, state } = props
  return (
    <>
      <ErrorSummary chrome={chrome} problems={state.problems} />
      <form method="post" action={props.action} novalidate>
        <CsrfField chrome={chrome} />
        <input type="hidden" name="version" value={String(state.version)} />
        {props.children}
        <Actions>
          <button type="submit" class="button">
            {shellTexts[chrome.lang].submit}
          </button>
        </Actions>
      </form>
    </>
  )
}
