import { Effect } from "effect"
import { TypedRecoveryCode } from "../../../application/two-factor/two-factor-codes.js"
import { portalPaths } from "../portal-paths.js"
import type { FieldProblem } from "../shell/components.js"
import { definePage, type PageContext } from "../shell/page.js"
import { answer, type CodeFormProps, codeFormPage, withChallenge } from "./challenge-page.js"
import { signInCodeTexts } from "./sign-in-code-texts.js"

// 「確認コード」 after the password, and the way round a lost device without e-mail: a recovery code.

type Texts = (typeof signInCodeTexts)["ja"]

// == 確認コード

const totpForm =
  (context: PageContext) =>
  (problems: ReadonlyArray<FieldProblem>, notice?: string): CodeFormProps => {
    const t: Texts = signInCodeTexts[context.lang]
    return {
      context,
      title: t.title,
      lead: t.text,
      action: portalPaths.signInCode,
      label: t.sixDigitCode,
      problems,
      notice,
      links: [
        { href: portalPaths.signInEmergency, text: t.sendEmergency },
        { href: portalPaths.signInRecoveryCode, text: t.useRecovery },
        { href: portalPaths.signIn, text: t.backToSignIn },
      ],
    }
  }

const signInCode = definePage({
  path: portalPaths.signInCode,
  auth: "none",
  get: withChallenge((context) => Effect.succeed(codeFormPage(totpForm(context)([])))),
  post: withChallenge((context, challengeId) => answer(context, challengeId, "totp", totpForm(context))),
})

// == リカバリコード

const recoveryForm =
  (context: PageContext) =>
  (problems: ReadonlyArray<FieldProblem>, notice?: string): CodeFormProps => {
    const t = signInCodeTexts[context.lang]
    return {
      context,
      title: t.recoveryTitle,
      lead: t.recoveryText,
      action: portalPaths.signInRecoveryCode,
      label: t.recoveryCode,
      hint: t.recoveryHint,
      problems,
      notice,
      links: [
        { href: portalPaths.signInCode, text: t.back },
        { href: portalPaths.signIn, text: t.backToSignIn },
      ],
    }
  }

const signInRecoveryCode = definePage({
  path: portalPaths.signInRecoveryCode,
  auth: "none",
  get: withChallenge((context) => Effect.succeed(codeFormPage(recoveryForm(context)([])))),
  post: withChallenge((context, challengeId) =>
    answer(context, challengeId, "recovery", recoveryForm(context), TypedRecoveryCode),
  ),
})

export const signInCodePages = [signInCode, signInRecoveryCode]
