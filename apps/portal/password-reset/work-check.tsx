import type { WorkChallenge } from "../../../application/platform/proof-of-work.js"
import { assetPath } from "../shell/assets.js"
import { type FieldProblem, fieldId } from "../shell/components.js"
import type { Chrome } from "../shell/page.js"
import { passwordResetTexts, workWidgetTexts } from "./password-reset-texts.js"

/** The form field the widget fills with its solution (the widget's hidden input). */
export const workFieldName = "altcha"

/** The widget's script and styles, for the page's `<head>`. */
export const workCheckAssets = {
  scripts: [assetPath("altcha.js")],
  stylesheets: [assetPath("altcha.css")],
}

/**
 * The manual's 「私はロボットではありません」 as a proof of work solved in the browser: the challenge
 * is in the page (no request to fetch one), the worker is the portal's own file, the logo and its
 * link to altcha.org are left out. Without JavaScript nothing can solve it, and the page says so.
 * The summary's link for a refusal lands on this group (it cannot name the widget's own checkbox).
 */
export const WorkCheck = (props: {
  readonly chrome: Chrome
  readonly challenge: WorkChallenge
  readonly problems: ReadonlyArray<FieldProblem>
}) => {
  const { lang } = props.chrome
  const t = passwordResetTexts[lang]
  const id = fieldId(workFieldName)
  const problem = props.problems.find((p) => p.name === workFieldName)
  return (
    <div class={`work-check${problem ? " field-invalid" : ""}`} id={id} tabindex={-1}>
      {problem ? (
        <p class="field-error" id={`${id}-error`}>
          {problem.message}
        </p>
      ) : null}
      <altcha-widget
        name={workFieldName}
        challengejson={JSON.stringify(props.challenge)}
        strings={JSON.stringify(workWidgetTexts[lang])}
        language={lang}
        workerurl={assetPath("altcha-worker.js")}
        hidelogo
        hidefooter
        disablerefetchonexpire
      />
      <noscript>
        <div class="notice notice-error">
          <p>{t.noScript}</p>
        </div>
      </noscript>
      <p class="hint">{t.robotCheckHint}</p>
    </div>
  )
}
