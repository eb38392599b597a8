import type { Child } from "hono/jsx"
import { assetPath } from "./assets.js"
import { CsrfField } from "./components.js"
import type { Chrome } from "./page.js"
import { shellTexts } from "./texts.js"

const languageSwitch = (chrome: Chrome) =>
  `/language/${chrome.lang === "ja" ? "en" : "ja"}?${new URLSearchParams({ back: chrome.here })}`

/** The top menu of a signed-in user (manual 002: 製品/サービス, 会社 ▾, the login ID ▾). */
const Menu = (props: {
  readonly chrome: Chrome
  readonly loginId: string
  readonly kind: "business" | "personal"
}) => {
  const t = shellTexts[props.chrome.lang]
  return (
    <nav class="menu" aria-label={t.portalName}>
      <ul>
        <li>
          <a href="/products">{t.products}</a>
        </li>
        <li>
          <a href="/vault">{t.vault}</a>
        </li>
        {/* A personal account has no company. */}
        {props.kind === "business" ? (
          <li>
            <details class="dropdown">
              <summary>{t.company}</summary>
              <ul>
                <li>
                  <a href="/company">{t.companyInformation}</a>
                </li>
              </ul>
            </details>
          </li>
        ) : null}
        <li class="menu-account">
          <details class="dropdown">
            <summary aria-label={`${t.accountMenu}: ${props.loginId}`}>{props.loginId}</summary>
            <ul>
              <li>
                <a href={props.kind === "business" ? "/user" : "/user/personal"}>{t.userInformation}</a>
              </li>
              <li>
                <a href="/devices">{t.devices}</a>
              </li>
              <li>
                <form method="post" action="/logout">
                  <CsrfField chrome={props.chrome} />
                  <button type="submit" class="link-button">
                    {t.signOut}
                  </button>
                </form>
              </li>
            </ul>
          </details>
        </li>
      </ul>
    </nav>
  )
}

/**
 * The frame of every page: the portal's name, the menu once signed in, the language switch, and the
 * page itself in `<main>`. The one script is the portal's own, loaded with this response's nonce.
 */
export const Layout = (props: {
  readonly chrome: Chrome
  readonly title: string
  readonly children: Child
  /** Scripts a page needs besides the portal's own (the proof-of-work widget). */
  readonly scripts?: ReadonlyArray<string>
  readonly stylesheets?: ReadonlyArray<string>
  /** `<meta name content>` pairs a page's script reads (the vault's CSRF token for its API calls). */
  readonly meta?: Readonly<Record<string, string>>
}) => {
  const { chrome } = props
  const t = shellTexts[chrome.lang]
  return (
    <html lang={chrome.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} | ${t.portalName}`}</title>
        {Object.entries(props.meta ?? {}).map(([name, content]) => (
          <meta name={name} content={content} />
        ))}
        <link rel="icon" href={assetPath("favicon.svg")} type="image/svg+xml" />
        <link rel="stylesheet" href={assetPath("portal.css")} />
        {(props.stylesheets ?? []).map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
        <script type="module" src={assetPath("portal.js")} nonce={chrome.nonce} />
        {(props.scripts ?? []).map((src) => (
          <script type="module" src={src} nonce={chrome.nonce} />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t.skipToContent}
        </a>
        <header class="masthead">
          <div class="masthead-inner">
            <a class="brand" href={chrome.signedIn ? "/products" : "/login"}>
              {t.portalName}
            </a>
            <a
              class="language-switch"
              href={languageSwitch(chrome)}
              hreflang={chrome.lang === "ja" ? "en" : "ja"}
            >
              <span class="visually-hidden">{t.language}: </span>
              {t.otherLanguage}
            </a>
          </div>
          {chrome.signedIn ? (
            <Menu chrome={chrome} loginId={chrome.signedIn.loginId} kind={chrome.signedIn.kind} />
          ) : null}
        </header>
        <main id="main" tabindex={-1}>
          <h1>{props.title}</h1>
          {props.children}
        </main>
        <footer class="footer">
          <p>{t.footer}</p>
        </footer>
      </body>
    </html>
  )
}
