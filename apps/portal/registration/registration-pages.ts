import { Effect, Either } from "effect"
import { agreementProblems, keyFieldName } from "../licensing/key-preview.js"
import { portalPaths } from "../portal-paths.js"
import { definePage, redirect } from "../shell/page.js"
import { registerPersonal } from "./personal-registration-submit.js"
import {
  confirmStep,
  customerChoice,
  detailsStep,
  keyStep,
  newIdempotencyKey,
  previewed,
} from "./registration-steps.js"
import { register } from "./registration-submit.js"

// 初めて製品・ユーザ登録を行う (manual 002): Step 2 one key → Step 3 製品情報を確認 with the licence
// agreement → Step 4 the form → Step 5 signed in, on the product list. Steps 3 and 4 are answers to
// POSTs: the key goes from step to step in the forms' bodies, never in a URL or a cookie.

export const registrationPages = [
  definePage({
    path: portalPaths.register,
    auth: "none",
    get: (context) => Effect.succeed(keyStep(context, "")),
    post: (context) => {
      // Customers with a login ID add the key once signed in (manual: ご利用中のIDでログインし、製品を追加します).
      if (context.form[customerChoice] === "existing") {
        return Effect.succeed(
          redirect(`${portalPaths.signIn}?${new URLSearchParams({ next: portalPaths.addKey })}`),
        )
      }
      const typed = context.form[keyFieldName] ?? ""
      return Effect.map(previewed(context, typed), (preview) =>
        Either.match(preview, {
          onLeft: (refusal) => keyStep(context, typed, refusal),
          onRight: (found) => confirmStep(context, typed, found),
        }),
      )
    },
  }),
  definePage({
    path: portalPaths.registerConfirm,
    auth: "none",
    // Reached only by the confirmation's form: the key is in its body, never in a URL.
    get: () => Effect.succeed(redirect(portalPaths.register)),
    post: (context) =>
      Effect.gen(function* () {
        const typed = context.form[keyFieldName] ?? ""
        const preview = yield* previewed(context, typed)
        if (Either.isLeft(preview)) return keyStep(context, typed, preview.left)
        const problems = yield* agreementProblems(context.lang, context.form)
        if (problems.length > 0) return confirmStep(context, typed, preview.right, problems)
        return yield* detailsStep(context, typed, preview.right, [], yield* newIdempotencyKey)
      }),
  }),
  definePage({
    path: portalPaths.registerDetails,
    auth: "none",
    get: () => Effect.succeed(redirect(portalPaths.register)),
    post: register,
  }),
  definePage({
    path: portalPaths.registerPersonal,
    auth: "none",
    get: () => Effect.succeed(redirect(portalPaths.register)),
    post: registerPersonal,
  }),
]
