import { Effect } from "effect"
import { customerSwitchResults } from "../../../application/switching/switch-result.js"
import { accountProblems } from "../accounts/account-problems.js"
import { sessionOf } from "../sessions/session-of.js"
import { sessionProblems } from "../sessions/session-problems.js"
import { defineFeature } from "../shell/feature.js"
import { defineRoute } from "../shell/route.js"
import { SwitchResults } from "./switching-responses.js"

export const switchingFeature = defineFeature({
  name: "switching",
  routes: [
    defineRoute({
      method: "GET",
      path: "/v1/account/switch-results",
      summary: "What a product switch did with the account's licences",
      description:
        "One entry per licence a switch plan has decided: `not-yet` before the plan's results day (in the account's time zone), then `switched` with the licence's last day, or `not-switched` with the reason and what to do.",
      tags: ["switching"],
      responses: { 200: { description: "The account's switch results", schema: SwitchResults } },
      failures: { AccountNotFound: true, SessionInvalid: true },
      handler: ({ request }) =>
        Effect.gen(function* () {
          const session = yield* sessionOf(request)
          return { status: 200, body: { results: yield* customerSwitchResults(session.accountId) } }
        }),
    }),
  ],
  problems: { ...sessionProblems, AccountNotFound: accountProblems.AccountNotFound },
})
