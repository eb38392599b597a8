import { Effect } from "effect"
import { activate, enrollmentKey, enrollmentQr } from "../../../application/two-factor/enrollment.js"
import type { TwoFactorStatus } from "../../../application/two-factor/two-factor-settings.js"
import { portalPaths } from "../portal-paths.js"
import { Actions, CsrfField, ErrorSummary, Field, type FieldProblem } from "../shell/components.js"
import { errorPage } from "../shell/error-pages.js"
import { Layout } from "../shell/layout.js"
import { type Chrome, definePage, file, html, type PageContext, redirect } from "../shell/page.js"
import { shellTexts } from "../shell/texts.js"
import { statusOf } from "./set-up-email-pages.js"
import { StatusView } from "./status-page.js"
import { twoFactorTexts } from "./two-factor-texts.js"
import { formCode } from "./typed-code.js"

// 「Google認証システムアプリを設定する」: the manual's steps ①②③, the QR code when asked for (with the
// secret as text for the apps that take it typed), and the first code, which turns 2FA on (or moves
// it to the new device).

type AppKey = Effect.Effect.Success<ReturnType<typeof enrollmentKey>>

const AppSteps = (props: {
  readonly chrome: Chrome
  readonly status: TwoFactorStatus
  readonly appKey: AppKey
  readonly showQr: boolean
  readonly problems: ReadonlyArray<FieldProblem>
}) => {
  const t = twoFactorTexts[props.chrome.lang]
  const key = props.appKey
  return (
    <div class="panel set-up-app">
      <h2>{t.appTitle}</h2>
      <section aria-labelledby="step-install">
        <h3 id="step-install">{t.installTitle}</h3>
        <p>{t.installText}</p>
      </section>
      <section aria-labelledby="step-add">
        <h3 id="step-add">{t.addTitle}</h3>
        <p>{t.addText}</p>
        <div class="qr-box" id="qr-code">
          <h4>{t.qrTitle}</h4>
          <p>{t.qrText}</p>
          <p class="note">
            <strong>{t.noteLabel}</strong> {t.qrNote}
          </p>
          {props.showQr ? (
            <>
              <img class="qr-image" src={portalPaths.twoFactorQr} alt={t.qrAlt} data-qr-code />
              <details class="manual-key" open>
                <summary>{t.manualKeyTitle}</summary>
                <p>{t.manualKeyText}</p>
                <dl class="facts">
                  <dt>{t.issuer}</dt>
                  <dd>{key.issuer}</dd>
                  <dt>{t.account}</dt>
                  <dd>{key.accountName}</dd>
                  <dt>{t.key}</dt>
                  <dd>
                    <code class="secret" data-secret>
                      {key.secret}
                    </code>
                  </dd>
                </dl>
              </details>
            </>
          ) : (
            // A plain GET: the page again, with the image, with or without JavaScript.
            <form method="get" action={`${portalPaths.twoFactorSetUpApp}#qr-code`}>
              <input type="hidden" name="qr" value="1" />
              <button type="submit" class="button button-secondary">
                {t.showQr}
              </button>
            </form>
          )}
        </div>
      </section>
      <section aria-labelledby="step-confirm">
        <h3 id="step-confirm">{t.confirmTitle}</h3>
        <p>{t.confirmText}</p>
        <form method="post" action={portalPaths.twoFactorSetUpApp} novalidate>
          <CsrfField chrome={props.chrome} />
          {props.showQr ? <input type="hidden" name="qr" value="1" /> : null}
          <Field
            chrome={props.chrome}
            name="code"
            label={t.sixDigitCode}
            required
            autocomplete="one-time-code"
            inputmode="numeric"
            maxlength={12}
            size="short"
            problems={props.problems}
          />
          <Actions>
            <button type="submit" class="button">
              {props.status.status === "enabled" ? t.changeDeviceSubmit : t.enable}
            </button>
            <a href={portalPaths.twoFactor}>{shellTexts[props.chrome.lang].cancel}</a>
          </Actions>
        </form>
      </section>
    </div>
  )
}

const appPage = (
  context: PageContext<"session">,
  showQr: boolean,
  problems: ReadonlyArray<FieldProblem> = [],
  httpStatus = 200,
) =>
  Effect.gen(function* () {
    const status = yield* statusOf(context)
    const key = yield* enrollmentKey(context.session.accountId)
    const t = twoFactorTexts[context.lang]
    return html(
      <Layout chrome={context.chrome} title={t.setUpTitle}>
        <ErrorSummary chrome={context.chrome} problems={problems} />
        <AppSteps chrome={context.chrome} status={status} appKey={key} showQr={showQr} problems={problems} />
      </Layout>,
      { status: httpStatus },
    )
  }).pipe(
    // No set-up waiting for its code (finished, run out of tries, never started): start from the mail.
    Effect.catchTag("NoEnrollmentInProgress", () => Effect.succeed(redirect(portalPaths.twoFactorSetUp))),
    Effect.orDie,
  )

const setUpApp = definePage({
  path: portalPaths.twoFactorSetUpApp,
  auth: "session",
  get: (context) => appPage(context, context.query.qr === "1"),
  post: (context) => {
    const t = twoFactorTexts[context.lang]
    const showQr = context.form.qr === "1"
    return formCode(context.lang, context.form, t.sixDigitCode).pipe(
      Effect.flatMap((code) =>
        activate(context.session.accountId, code, context.session.metadata).pipe(
          Effect.flatMap((result) =>
            result.deviceChanged
              ? Effect.succeed(redirect(`${portalPaths.twoFactor}?notice=device-changed`))
              : // The recovery codes exist only in this answer: shown here, never behind a redirect.
                Effect.map(statusOf(context), (status) =>
                  html(
                    <StatusView
                      chrome={context.chrome}
                      status={status}
                      notice={{ kind: "success", text: t.enabledNotice }}
                      recoveryCodes={result.recoveryCodes}
                    />,
                  ),
                ),
          ),
          Effect.catchTags({
            CodeRejected: (error) =>
              error.attemptsLeft > 0
                ? appPage(context, showQr, [{ name: "code", message: t.wrongCode(error.attemptsLeft) }], 403)
                : Effect.succeed(redirect(`${portalPaths.twoFactorSetUp}?notice=abandoned`)),
            // Sent twice (a reload of the answer that showed the codes): the set-up is over.
            NoEnrollmentInProgress: () => Effect.succeed(redirect(portalPaths.twoFactor)),
          }),
          Effect.orDie,
        ),
      ),
      Effect.catchAll((problems) => appPage(context, showQr, problems, 422)),
    )
  },
})

/** The set-up's QR code, to its signed-in owner only, while the set-up waits for its first code. */
const qrImage = definePage({
  path: portalPaths.twoFactorQr,
  auth: "session",
  get: (context) =>
    enrollmentQr(context.session.accountId, "png").pipe(
      Effect.map((png) => file(png, "image/png")),
      Effect.catchTag("NoEnrollmentInProgress", () =>
        Effect.succeed(errorPage(context.chrome, "notFound", 404, "")),
      ),
      Effect.orDie,
    ),
})

export const setUpAppPages = [setUpApp, qrImage]
