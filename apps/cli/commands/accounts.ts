import { Args, Command, Options } from "@effect/cli"
import { Effect, Option } from "effect"
import { viewAccount } from "../../../application/accounts/account-changes.js"
import { AccountDirectory } from "../../../application/accounts/account-directory.js"
import { supportLicenseViews } from "../../../application/licensing/license-admin.js"
import { LicenseDirectory } from "../../../application/licensing/license-directory.js"
import { checkFailed } from "../cli-failure.js"
import { emit } from "../output.js"
import { pageJson, pageOptions, pageRequestOf, pageText, unknownCursor } from "../page-options.js"
import { withApp, withKeys } from "../with-app.js"
import { findAccount, licenseLines, padColumns } from "./licenses.js"

const json = Options.boolean("json").pipe(Options.withDescription("print JSON"))

const list = Command.make(
  "list",
  {
    json,
    search: Options.text("search").pipe(
      Options.optional,
      Options.withDescription("only accounts whose login ID, e-mail or company name contains this"),
    ),
    ...pageOptions("accounts"),
  },
  ({ json, search, limit, after }) =>
    // Bad usage is told before the database is opened.
    Effect.flatMap(pageRequestOf({ limit, after }), (request) =>
      withApp({ migrate: false })(() =>
        Effect.gen(function* () {
          const page = yield* (yield* AccountDirectory)
            .list({ ...request, ...(Option.isSome(search) ? { search: search.value } : {}) })
            .pipe(Effect.catchTag("InvalidCursor", () => Effect.fail(unknownCursor("account"))))
          yield* emit(json, pageJson("accounts", page), () =>
            pageText("accounts", page, (as) =>
              [
                ["LOGIN ID", "KIND", "COMPANY", "E-MAIL", "LANG", "REGISTERED AT"],
                ...as.map((a) => [
                  a.loginId,
                  a.kind,
                  a.kind === "personal" ? "-" : a.companyName,
                  a.email,
                  a.language,
                  a.registeredAt,
                ]),
              ]
                .map(
                  ([loginId, kind, company, email, language, registeredAt]) =>
                    `${loginId!.padEnd(24)} ${kind!.padEnd(8)} ${padColumns(company!, 28)} ${email!.padEnd(32)} ${language!.padEnd(4)} ${registeredAt}`,
                )
                .join("\n"),
            ),
          )
        }),
      ),
    ),
).pipe(Command.withDescription("List accounts, newest first, a page at a time (support)"))

const show = Command.make(
  "show",
  { json, account: Args.text({ name: "login-id-or-account-id" }) },
  ({ json, account }) =>
    withKeys({ migrate: false })(() =>
      Effect.gen(function* () {
        const summary = yield* findAccount(account)
        const view = yield* viewAccount(summary.accountId).pipe(
          Effect.catchTag("AccountNotFound", () =>
            Effect.fail(checkFailed(`no account has the login ID or account id ${account.trim()}`)),
          ),
        )
        const licenses = yield* supportLicenseViews(
          yield* (yield* LicenseDirectory).forAccount(summary.accountId),
        )
        const shown = {
          account: { ...view, registeredAt: summary.registeredAt, updatedAt: summary.updatedAt },
          licenses,
        }
        yield* emit(json, shown, ({ account: a, licenses: ls }) =>
          [
            `account id:    ${a.accountId}`,
            `kind:          ${a.kind}`,
            `login ID:      ${a.loginId}`,
            ...(a.kind === "business"
              ? [
                  `company:       ${a.contractor.companyName}`,
                  `contact:       ${a.user.contactName} <${a.user.email}>`,
                  `support:       ${a.supportContact.contactName} <${a.supportContact.email}>`,
                  `emergency:     ${a.emergencyContactEmail}`,
                ]
              : [`e-mail:        ${a.email}`]),
            `language:      ${a.language}`,
            `time zone:     ${a.timeZone}`,
            `registered at: ${a.registeredAt}`,
            `updated at:    ${a.updatedAt}`,
            "",
            ls.length === 0 ? "no licences" : licenseLines(ls),
          ].join("\n"),
        )
      }),
    ),
).pipe(Command.withDescription("Show an account and its licences (support)"))

export const accountsCommand = Command.make("accounts").pipe(
  Command.withDescription("Customer accounts (support)"),
  Command.withSubcommands([list, show]),
)
