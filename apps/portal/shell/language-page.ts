import { Effect } from "effect"
import { localPath } from "./mount-page.js"
import { definePage, redirect } from "./page.js"
import { isLang } from "./texts.js"

const oneYear = 365 * 24 * 3600

/** The language switch in the header: a plain link, so it works without JavaScript. */
export const languagePage = definePage({
  path: "/language/:lang",
  auth: "none",
  get: ({ params, query }) => {
    const back = localPath(query.back, "/")
    const lang = params.lang
    return Effect.succeed(
      isLang(lang)
        ? redirect(back, { cookies: [{ name: "language", value: lang, maxAge: oneYear }] })
        : redirect(back),
    )
  },
})
