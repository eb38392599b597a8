import { Args, Command, Options } from "@effect/cli"
import { Effect } from "effect"
import { AppSessionDirectory } from "../../../application/apps/app-session-directory.js"
import { endAppSession } from "../../../application/apps/app-sessions.js"
import { checkFailed } from "../cli-failure.js"
import { operatorMetadata } from "../operator.js"
import { emit } from "../output.js"
import { withKeys } from "../with-app.js"
import { findAccount } from "./licenses.js"

// Support's view of a customer's signed-in devices (app sessions), and signing one out: a lost phone,
// a device the customer does not recognise. Ending is recorded with the operator as actor.

const json = Options.boolean("json").pipe(Options.withDescription("print JSON"))

const list = Command.make(
  "list",
  {
    json,
    account: Args.text({ name: "login-id-or-account-id" }),
    ended: Options.boolean("ended").pipe(Options.withDescription("include ended sessions, with why")),
  },
  (input) =>
    withKeys({ migrate: false })(() =>
      Effect.gen(function* () {
        const found = yield* findAccount(input.account)
        const sessions = yield* (yield* AppSessionDirectory).ofAccount(found.accountId, {
          includeEnded: input.ended,
        })
        yield* emit(input.json, { loginId: found.loginId, sessions }, (r) =>
          r.sessions.length === 0
            ? `${r.loginId}: no ${input.ended ? "" : "open "}app sessions`
            : [
                `${"SESSION".padEnd(36)} ${"PRODUCT".padEnd(20)} ${"DEVICE".padEnd(24)} ${"OPENED".padEnd(24)} STATE`,
                ...r.sessions.map(
                  (s) =>
                    `${s.sessionId.padEnd(36)} ${s.productId.padEnd(20)} ${s.deviceName.slice(0, 24).padEnd(24)} ${s.openedAt.padEnd(24)} ${s.endedAt === undefined ? "open" : `ended ${s.endedAt} (${s.endReason})`}`,
                ),
              ].join("\n"),
        )
      }),
    ),
).pipe(Command.withDescription("An account's signed-in devices (app sessions), newest first"))

const end = Command.make(
  "end",
  { json, session: Args.text({ name: "session-id" }).pipe(Args.withDescription("as `list` shows it")) },
  (input) =>
    withKeys({ migrate: false })(() =>
      Effect.gen(function* () {
        const sessionId = input.session.trim()
        yield* endAppSession(sessionId, "support", yield* operatorMetadata).pipe(
          Effect.catchTags({
            AppSessionUnknown: () => Effect.fail(checkFailed(`no app session ${sessionId}`)),
            StreamVersionConflict: () =>
              Effect.fail(checkFailed(`the session ${sessionId} changed meanwhile: run the command again`)),
          }),
        )
        yield* emit(
          input.json,
          { sessionId, ended: true },
          (r) => `${r.sessionId}: signed out (its refresh and access tokens no longer work)`,
        )
      }),
    ),
).pipe(Command.withDescription("Sign one device out (support); its app must sign in again"))

export const appSessionsCommand = Command.make("app-sessions").pipe(
  Command.withDescription("Customers' signed-in app devices (support)"),
  Command.withSubcommands([list, end]),
)
