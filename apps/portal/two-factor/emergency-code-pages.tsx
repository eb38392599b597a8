import { Effect } from "effect"
import { emergencyCodeAddress, sendEmergencyCode } from "../../../application/two-factor/login-challenge.js"
import { customerMetadata } from "../../http/sessions/session-of.js"
import { digits } from "../../http/shell/wire.js"
import { portalPaths } from "../portal-paths.js"
import { Actions, CsrfField, type FieldProblem, Notice } from "../shell/components.js"
import { Layout } from "../shell/layout.js"
import { definePage, html, type PageContext, redirect } from "../shell/page.js"
import { shellTexts } from "../shell/texts.js"
import {
  answer,
  type CodeFormProps,
  challengeEnded,
  codeFormPage,
  nextOf,
  withChallenge,
  withNext,
} from "./challenge-page.js"
import { signInCodeTexts } from "./sign-in-code-texts.js"

// Lost device (manual 003's last section): the masked address and 「メールを送信」, then the page that
// takes the mailed one-time code.

// == 緊急アクセスコードをメールで送信

const sendEmergencyPage = (context: PageContext, sendTo: string, notice?: string, status = 200) => {
  const t = signInCodeTexts[context.lang]
  const next = nextOf(context)
  return html(
    <Layout chrome={context.chrome} title={t.emergencyTitle}>
      {notice ? <Notice kind="error">{notice}</Notice> : null}
      <div class="panel narrow">
        <p>{t.emergencyText}</p>
        <p class="masked-address">
          <strong>{sendTo}</strong>
        </p>
        <form method="post" action={portalPaths.signInEmergency}>
          <CsrfField chrome={context.chrome} />
          {next === undefined ? null : <input type="hidden" name="next" value={next} />}
          <Actions>
            <button type="submit" class="button">
              {t.sendMail}
            </button>
            <a href={withNext(portalPaths.signInCode, next)}>{t.back}</a>
          </Actions>
        </form>
      </div>
    </Layout>,
    { status },
  )
}

const signInEmergency = definePage({
  path: portalPaths.signInEmergency,
  auth: "none",
  get: withChallenge((context, challengeId) =>
    emergencyCodeAddress(challengeId).pipe(
      Effect.map(({ sendTo }) => sendEmergencyPage(context, sendTo)),
      Effect.catchTags(challengeEnded(context)),
      Effect.orDie,
    ),
  ),
  post: withChallenge((context, challengeId) =>
    sendEmergencyCode(challengeId, customerMetadata(context.request)).pipe(
      Effect.as(redirect(withNext(portalPaths.signInEmergencyCode, nextOf(context)))),
      Effect.catchTags({
        ...challengeEnded(context),
        RateLimited: (error) =>
          Effect.map(Effect.orDie(emergencyCodeAddress(challengeId)), ({ sendTo }) =>
            sendEmergencyPage(
              context,
              sendTo,
              shellTexts[context.lang].rateLimited(error.retryAfterSeconds),
              429,
            ),
          ),
      }),
      Effect.orDie,
    ),
  ),
})

// == 緊急アクセスコード

const emergencyForm =
  (context: PageContext, sendTo: string) =>
  (problems: ReadonlyArray<FieldProblem>, notice?: string): CodeFormProps => {
    const t = signInCodeTexts[context.lang]
    return {
      context,
      title: t.emergencyCodeTitle,
      lead: t.emergencyCodeText(sendTo),
      action: portalPaths.signInEmergencyCode,
      label: t.emergencyCode,
      hint: t.emergencyCodeHint,
      problems,
      notice,
      links: [
        { href: portalPaths.signInEmergency, text: t.sendAgain },
        { href: portalPaths.signIn, text: t.backToSignIn },
      ],
    }
  }

const emergencyCodeForm = (context: PageContext, challengeId: string) =>
  Effect.map(emergencyCodeAddress(challengeId), ({ sendTo }) => emergencyForm(context, sendTo))

const signInEmergencyCode = definePage({
  path: portalPaths.signInEmergencyCode,
  auth: "none",
  get: withChallenge((context, challengeId) =>
    emergencyCodeForm(context, challengeId).pipe(
      Effect.map((form) => codeFormPage(form([]))),
      Effect.catchTags(challengeEnded(context)),
      Effect.orDie,
    ),
  ),
  post: withChallenge((context, challengeId) =>
    emergencyCodeForm(context, challengeId).pipe(
      Effect.flatMap((form) => answer(context, challengeId, "emergency", form, digits(8))),
      Effect.catchTags(challengeEnded(context)),
      Effect.orDie,
    ),
  ),
})

export const emergencyCodePages = [signInEmergency, signInEmergencyCode]
