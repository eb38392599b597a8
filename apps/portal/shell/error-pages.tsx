import { Notice } from "./components.js"
import { Layout } from "./layout.js"
import { type Chrome, html, type PageAnswer } from "./page.js"
import { shellTexts } from "./texts.js"

/** The pages the shell itself answers with: a refused form, a missing page, a failure of ours. */
export const errorPage = (
  chrome: Chrome,
  kind: "formExpired" | "notFound" | "unexpected",
  status: number,
  detail: string,
): PageAnswer => {
  const t = shellTexts[chrome.lang]
  const title = kind === "notFound" ? t.notFoundTitle : t.errorTitle
  const text =
    kind === "formExpired" ? t.formExpired : kind === "notFound" ? t.notFoundText : t.errorText(detail)
  return html(
    <Layout chrome={chrome} title={title}>
      <Notice kind="error">{text}</Notice>
      {kind === "formExpired" ? (
        <p>
          <a href={detail}>{t.back}</a>
        </p>
      ) : (
        <p>
          <a href="/">{t.back}</a>
        </p>
      )}
    </Layout>,
    { status },
  )
}
