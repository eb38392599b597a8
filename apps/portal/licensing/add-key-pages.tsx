import { Effect, Either } from "effect"
import { addLicense } from "../../../application/licensing/customer-licenses.js"
import { portalPaths } from "../portal-paths.js"
import type { FieldProblem } from "../shell/components.js"
import { definePage, type PageContext, redirect } from "../shell/page.js"
import { keyConfirmationPage, keyEntryPage } from "./key-forms.js"
import {
  agreementProblems,
  type KeyPreview,
  type KeyRefusal,
  type KeyTakenReason,
  keyFieldName,
  keyTakenRefusal,
  previewForPage,
} from "./key-preview.js"
import { licensingTexts } from "./licensing-texts.js"

// Adding a product (manual 002, 製品を追加する Steps 3–5): ライセンスキー → 製品情報を確認 with the
// licence agreement → back on the list with 「製品が追加されました。」.

type SignedInContext = PageContext<"session">

const keyPage = (context: SignedInContext, typed: string, refusal?: KeyRefusal) => {
  const t = licensingTexts[context.lang]
  return keyEntryPage(context, t.addKeyTitle, {
    action: portalPaths.addKey,
    label: t.addKeyLabel,
    hint: t.addKeyHint,
    typed,
    refusal,
    cancel: portalPaths.products,
  })
}

const confirmPage = (
  context: SignedInContext,
  typed: string,
  preview: KeyPreview,
  problems: ReadonlyArray<FieldProblem> = [],
) =>
  keyConfirmationPage(
    context,
    { action: portalPaths.addKeyConfirm, cancel: portalPaths.products },
    typed,
    preview,
    problems,
  )

/** The key as typed, looked up in the account's time zone (a key expires at the end of its day there). */
const preview = (context: SignedInContext, typed: string) =>
  previewForPage(context, typed, context.session.account.timeZone)

export const addKeyPages = [
  definePage({
    path: portalPaths.addKey,
    auth: "session",
    get: (context) => Effect.succeed(keyPage(context, "")),
    post: (context) => {
      const typed = context.form[keyFieldName] ?? ""
      return Effect.map(preview(context, typed), (previewed) =>
        Either.match(previewed, {
          onLeft: (refusal) => keyPage(context, typed, refusal),
          onRight: (found) => confirmPage(context, typed, found),
        }),
      )
    },
  }),
  definePage({
    path: portalPaths.addKeyConfirm,
    auth: "session",
    // Reached only by the confirmation's form: the key is in its body, never in a URL.
    get: () => Effect.succeed(redirect(portalPaths.addKey)),
    post: (context) =>
      Effect.gen(function* () {
        const typed = context.form[keyFieldName] ?? ""
        const problems = yield* agreementProblems(context.lang, context.form)
        if (problems.length > 0) {
          const previewed = yield* preview(context, typed)
          if (Either.isLeft(previewed)) return keyPage(context, typed, previewed.left)
          return confirmPage(context, typed, previewed.right, problems)
        }
        const refused = (reason: KeyTakenReason) =>
          Effect.succeed(keyPage(context, typed, keyTakenRefusal(context.lang, reason)))
        return yield* addLicense(context.session.accountId, typed, context.session.metadata).pipe(
          Effect.as(redirect(`${portalPaths.products}?notice=added`)),
          Effect.catchTags({
            LicenseAlreadyRegistered: () => refused("registered"),
            LicenseKeyExpired: () => refused("expired"),
            ServiceEnded: () => refused("ended"),
            LicenseKeyUnknown: () => refused("unknown"),
            ProductKeyUnknown: () => refused("unknown"),
            ProductKeyMalformed: () => refused("unknown"),
          }),
          // What is left (the account gone, a conflict that outlasted its retries) is a 500 page.
          Effect.orDie,
        )
      }),
  }),
]
