import { mkdirSync } from "node:fs"
import { join } from "node:path"
import AxeBuilder from "@axe-core/playwright"
import { type Browser, chromium, type Page } from "playwright-core"
import { expect } from "vitest"

// Debian's Chromium, as the machines have it (`.ci/run` installs it); playwright-core brings no browser.
const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"

// Without the background-networking flags Chromium keeps trying to reach Google's hosts, which this
// closed network refuses. Playwright gives every launch a fresh, empty profile directory.
const flags = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
]

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({ executablePath, headless: true, args: flags })

/** A new browser profile's page: no cookies, the portal's default language (Japanese). */
export const newPage = async (browser: Browser, baseURL: string): Promise<Page> => {
  const context = await browser.newContext({
    baseURL,
    locale: "ja-JP",
    viewport: { width: 1280, height: 900 },
  })
  const page = await context.newPage()
  // A page that breaks its own CSP, or throws, fails the test that opened it.
  const problems: Array<string> = []
  // A refused form answers 4xx on purpose, and Chromium reports every 4xx document as a failed
  // load; only a sub-resource that fails to load (a missing script or style) is a problem.
  const documents = new Set<string>()
  page.on("response", (response) => {
    if (response.request().resourceType() === "document") documents.add(response.url())
  })
  page.on("console", (message) => {
    if (message.type() !== "error") return
    const failedDocument =
      message.text().startsWith("Failed to load resource") && documents.has(message.location().url)
    if (!failedDocument) problems.push(message.text())
  })
  page.on("pageerror", (error) => problems.push(error.message))
  pageProblems.set(page, problems)
  return page
}

const pageProblems = new WeakMap<Page, Array<string>>()

/** The console errors and uncaught exceptions seen so far (CSP violations are console errors). */
export const consoleProblems = (page: Page): ReadonlyArray<string> => pageProblems.get(page) ?? []

/** axe-core's WCAG 2.1 A/AA rules on the page as it is now: nothing serious or critical. */
export const expectAccessible = async (page: Page) => {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze()
  const bad = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    )
  expect(bad, `axe on ${page.url()}`).toEqual([])
}

const screenshotDir = join(process.cwd(), "artifacts", "screenshots")

/** Kept as CI artefacts, and copied into docs/screenshots by `npm run screenshots` for docs/portal.md. */
export const screenshot = async (page: Page, name: string) => {
  mkdirSync(screenshotDir, { recursive: true })
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true })
}

/**
 * Signs in through the portal's sign-in form (the page must be on it) as a customer would, and
 * skips the 2FA recommendation shown while 2FA is off (manual 003), going on to where it led.
 */
export const signInThroughForm = async (page: Page, account: { loginId: string; password: string }) => {
  await page.getByRole("textbox", { name: /^ログインID/ }).fill(account.loginId)
  await page.getByRole("textbox", { name: "パスワード", exact: true }).fill(account.password)
  await page.getByRole("button", { name: "ログイン" }).click()
  await page.waitForURL((url) => url.pathname !== "/login")
  if (new URL(page.url()).pathname === "/two-factor/recommendation") {
    await page.getByRole("button", { name: "危険性を理解したうえで、スキップします" }).click()
  }
}
