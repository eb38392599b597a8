import { Args, Command, Options } from "@effect/cli"
import { Console, Effect, Option } from "effect"
import { AccountDirectory } from "../../../application/accounts/account-directory.js"
import {
  changeLicenseChannel,
  type LicenseAdminResult,
  listLicensesForSupport,
  recordLicenseCancellation,
  reinstateLicense,
  renewalEndsLicense,
  renewLicense,
  type SupportLicenseView,
  showLicenseForSupport,
  suspendLicense,
} from "../../../application/licensing/license-admin.js"
import { loginIdKey } from "../../../domain/accounts/login-id.js"
import { isCalendarDate, SalesChannel } from "../../../domain/licensing/license-events.js"
import { checkFailed, usageError } from "../cli-failure.js"
import { operatorMetadata } from "../operator.js"
import { emit } from "../output.js"
import { pageJson, pageOptions, pageRequestOf, pageText, unknownCursor } from "../page-options.js"
import { withKeys } from "../with-app.js"
import { refusalsAsFailures } from "./license-refusals.js"

// Support's licence commands. Keys are bearer secrets: these commands show them masked but for
// their last group, in JSON too; a licence is named by its key as typed or by its id (64 hex digits).

const json = Options.boolean("json").pipe(Options.withDescription("print JSON"))
const keyOrId = Args.text({ name: "key-or-id" }).pipe(
  Args.withDescription("the product key as typed, or the licence id (64 hex digits)"),
)

// Full-width characters (Japanese company names) take two columns in a terminal.
const wide =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u

/** Pads text to a width in terminal columns, counting a full-width character as two. */
export const padColumns = (text: string, width: number) => {
  let columns = 0
  for (const char of text) columns += wide.test(char) ? 2 : 1
  return columns >= width ? text : text + " ".repeat(width - columns)
}

/** The account named by its account id or its login ID (in any case); exit 1 when there is none. */
export const findAccount = (loginIdOrAccountId: string) =>
  Effect.gen(function* () {
    const directory = yield* AccountDirectory
    const text = loginIdOrAccountId.trim()
    const byId = yield* directory.byId(text)
    const found = Option.isSome(byId) ? byId : yield* directory.byLoginIdKey(loginIdKey(text))
    if (Option.isNone(found)) {
      return yield* Effect.fail(checkFailed(`no account has the login ID or account id ${text}`))
    }
    return found.value
  })

const ownerOf = (l: SupportLicenseView) =>
  l.owner === null ? "unregistered" : (l.owner.loginId ?? l.owner.accountId)

/** The licence table: one line each, with a header. */
export const licenseLines = (licenses: ReadonlyArray<SupportLicenseView>) =>
  [
    ["PRODUCT", "PACKAGE", "SEATS", "TYPE", "EXPIRES", "STATUS", "OWNER", "KEY", "ID"],
    ...licenses.map((l) => [
      l.productId,
      l.packageId,
      String(l.seats),
      l.licenseType,
      l.expiresOn,
      l.status,
      ownerOf(l),
      l.maskedKey,
      l.id,
    ]),
  ]
    .map(([product, pkg, seats, type, expires, status, owner, key, id]) =>
      [
        product!.padEnd(24),
        pkg!.padEnd(12),
        seats!.padStart(6),
        type!.padEnd(5),
        expires!.padEnd(10),
        status!.padEnd(13),
        padColumns(owner!, 24),
        key!.padEnd(36),
        id,
      ].join(" "),
    )
    .join("\n")

const list = Command.make(
  "list",
  {
    json,
    account: Options.text("account").pipe(
      Options.optional,
      Options.withDescription("only the licences of this account (login ID or account id)"),
    ),
    ...pageOptions("licences"),
  },
  ({ json, account, limit, after }) =>
    // Bad usage is told before the database is opened.
    Effect.flatMap(pageRequestOf({ limit, after }), (request) =>
      withKeys({ migrate: false })(() =>
        Effect.gen(function* () {
          const owner = Option.isSome(account) ? yield* findAccount(account.value) : undefined
          const page = yield* listLicensesForSupport({
            ...request,
            ...(owner ? { accountId: owner.accountId } : {}),
          }).pipe(Effect.catchTag("InvalidCursor", () => Effect.fail(unknownCursor("licence"))))
          yield* emit(json, pageJson("licenses", page), () => pageText("licences", page, licenseLines))
        }),
      ),
    ),
).pipe(Command.withDescription("List licences, newest issued first, a page at a time, keys masked (support)"))

const show = Command.make("show", { json, keyOrId }, ({ json, keyOrId }) =>
  withKeys({ migrate: false })(() =>
    Effect.gen(function* () {
      const license = yield* refusalsAsFailures(showLicenseForSupport(keyOrId))
      yield* emit(json, license, (l) =>
        [
          `id:            ${l.id}`,
          `key:           ${l.maskedKey} (${l.kind})`,
          `product:       ${l.productId} (${l.productName.en})`,
          `package:       ${l.packageId} (${l.packageName.en})`,
          `seats:         ${l.seats}`,
          `type:          ${l.licenseType}`,
          `expires on:    ${l.expiresOn}`,
          `status:        ${l.status}`,
          `channel:       ${l.channel}`,
          `issued at:     ${l.issuedAt}`,
          `owner:         ${l.owner === null ? "unregistered" : `${l.owner.loginId ?? "(unknown)"} (account ${l.owner.accountId})`}`,
          `registered at: ${l.registeredAt ?? "-"}`,
        ].join("\n"),
      )
    }),
  ),
).pipe(Command.withDescription("Show one licence, its key masked (support)"))

const printResult = (json: boolean, result: LicenseAdminResult, done: string, unchanged: string) =>
  emit(json, result, (r) => (r.changed ? `${done} ${r.id}` : `unchanged: ${r.id} ${unchanged}`))

const renew = Command.make(
  "renew",
  {
    json,
    keyOrId,
    expires: Options.text("expires").pipe(Options.withDescription("the new last valid day, YYYY-MM-DD")),
    allowPast: Options.boolean("allow-past").pipe(
      Options.withDescription("accept a day that has already passed, which ends the licence now"),
    ),
  },
  ({ json, keyOrId, expires, allowPast }) =>
    withKeys({ migrate: false })(() =>
      Effect.gen(function* () {
        if (!isCalendarDate(expires)) {
          return yield* Effect.fail(usageError("--expires must be a date, YYYY-MM-DD"))
        }
        // A past day is how a licence is ended early; it must never be a typo's silent effect.
        const ends = yield* refusalsAsFailures(renewalEndsLicense(keyOrId, expires))
        if (ends && !allowPast) {
          return yield* Effect.fail(
            usageError(
              `--expires ${expires} has already passed: it would end the licence now; add --allow-past to end it`,
            ),
          )
        }
        const result = yield* refusalsAsFailures(renewLicense(keyOrId, expires, yield* operatorMetadata))
        if (ends && result.changed) {
          yield* Console.error(
            `portcullis: warning: licence ${result.id} has ended: its last valid day, ${expires}, is over`,
          )
        }
        yield* printResult(
          json,
          result,
          `renewed to ${result.expiresOn}:`,
          `already expires on ${result.expiresOn}`,
        )
      }),
    ),
).pipe(
  Command.withDescription(
    "Set a licence's last valid day (support); a day already passed ends it, and needs --allow-past",
  ),
)

const suspend = Command.make(
  "suspend",
  {
    json,
    keyOrId,
    reason: Options.text("reason").pipe(Options.withDescription("why, for the audit log")),
  },
  ({ json, keyOrId, reason }) =>
    withKeys({ migrate: false })(() =>
      Effect.gen(function* () {
        if (reason.trim() === "") return yield* Effect.fail(usageError("--reason must not be empty"))
        const result = yield* refusalsAsFailures(
          suspendLicense(keyOrId, reason.trim(), yield* operatorMetadata),
        )
        yield* printResult(json, result, "suspended", "was already suspended")
      }),
    ),
).pipe(Command.withDescription("Suspend a registered licence (support)"))

const reinstate = Command.make("reinstate", { json, keyOrId }, ({ json, keyOrId }) =>
  withKeys({ migrate: false })(() =>
    Effect.gen(function* () {
      const result = yield* refusalsAsFailures(reinstateLicense(keyOrId, yield* operatorMetadata))
      yield* printResult(json, result, "reinstated", "was not suspended")
    }),
  ),
).pipe(Command.withDescription("Lift a licence's suspension (support)"))

const channel = Command.make(
  "channel",
  {
    json,
    keyOrId,
    channel: Options.choice("channel", SalesChannel.literals).pipe(
      Options.withDescription("how the licence was bought"),
    ),
  },
  ({ json, keyOrId, channel }) =>
    withKeys({ migrate: false })(() =>
      Effect.gen(function* () {
        const result = yield* refusalsAsFailures(
          changeLicenseChannel(keyOrId, channel, yield* operatorMetadata),
        )
        yield* printResult(json, result, `channel set to ${channel}:`, `was already sold through ${channel}`)
      }),
    ),
).pipe(Command.withDescription("Correct how a licence was bought (support; a switch plan reads it)"))

const cancellation = Command.make(
  "cancellation",
  {
    json,
    keyOrId,
    on: Options.text("on").pipe(Options.withDescription("the day the customer cancelled, YYYY-MM-DD")),
  },
  ({ json, keyOrId, on }) =>
    withKeys({ migrate: false })(() =>
      Effect.gen(function* () {
        if (!isCalendarDate(on)) return yield* Effect.fail(usageError("--on must be a date, YYYY-MM-DD"))
        const result = yield* refusalsAsFailures(
          recordLicenseCancellation(keyOrId, on, yield* operatorMetadata),
        )
        yield* printResult(json, result, `cancellation on ${on} recorded:`, `was already cancelled on ${on}`)
      }),
    ),
).pipe(
  Command.withDescription(
    "Record the day a customer cancelled a registered licence's contract (support); it stays valid to its last day",
  ),
)

export const licensesCommand = Command.make("licenses").pipe(
  Command.withDescription("Licences and product keys (support)"),
  Command.withSubcommands([list, show, renew, suspend, reinstate, channel, cancellation]),
)
