import { Args, Command, Options, Prompt } from "@effect/cli"
import { Terminal } from "@effect/platform"
import { Effect, Option } from "effect"
import {
  finishVaultErasure,
  resetVaultBySupport,
  type VaultStatus,
  vaultStatus,
} from "../../../application/vault/index.js"
import { loginIdKey } from "../../../domain/accounts/login-id.js"
import type { EventMetadata } from "../../../domain/kernel/index.js"
import { VaultProduct } from "../../../domain/vault/vault-events.js"
import { checkFailed, usageError } from "../cli-failure.js"
import { operatorMetadata } from "../operator.js"
import { emit } from "../output.js"
import { withKeys } from "../with-app.js"
import { findAccount } from "./licenses.js"

// Support's vault commands (docs/vault.md, decision 44): what a customer's vault looks like, and
// the reset for one who lost the client key. Support never sees the vault's content, so status shows
// versions, devices and counts only, and a reset can only erase, never recover.

const json = Options.boolean("json").pipe(Options.withDescription("print JSON"))
const account = Args.text({ name: "login-id-or-account-id" }).pipe(
  Args.withDescription("the customer's login ID (any case) or account id"),
)
const product = Options.choice("product", VaultProduct.literals).pipe(
  Options.withDefault("id-protection" as const),
  Options.withDescription("the vault's product"),
)

/**
 * What support sees: the status without the salt. The salt is public to a device about to unlock,
 * but an operator has no use for it, and a support screen is no place for key material of any kind.
 */
const shownStatus = (loginId: string, accountId: string, { salt: _salt, ...status }: VaultStatus) => ({
  loginId,
  accountId,
  ...status,
})

const line = (label: string, value: string | number | undefined) =>
  value === undefined ? [] : [`${`${label}:`.padEnd(16)} ${value}`]

const statusText = (s: ReturnType<typeof shownStatus>) =>
  [
    ...line("login ID", s.loginId),
    ...line("product", s.product),
    ...line("state", s.state),
    ...line("vault id", s.vaultId),
    ...line("key version", s.keyVersion),
    ...line("data key", s.dataKeyVersion),
    ...line("activated", s.activatedAt),
    ...line("key rotated", s.keyRotatedAt),
    ...line("reset", s.resetAt),
    ...line("items", s.itemCount),
    ...line("last activity", s.lastActivityAt),
    ...line("devices", s.devices.length),
    ...s.devices.map(
      (d) =>
        `  ${d.name} (${d.deviceId}): key ${d.keyVersion}, first unlocked ${d.firstUnlockedAt}, last ${d.lastUnlockedAt}`,
    ),
  ].join("\n")

const status = Command.make("status", { json, account, product }, ({ json, account, product }) =>
  withKeys({ migrate: false })(() =>
    Effect.gen(function* () {
      const found = yield* findAccount(account)
      const shown = shownStatus(found.loginId, found.accountId, yield* vaultStatus(found.accountId, product))
      yield* emit(json, shown, statusText)
    }),
  ),
).pipe(Command.withDescription("Show an account's vault: state, versions, devices, item count (support)"))

// == reset

/**
 * The operator names the account again before its vault is erased: from --confirm, or typed at a
 * terminal. Without a terminal there is no one to ask, so a script must say it with --confirm.
 */
const confirmLoginId = (loginId: string, given: Option.Option<string>) =>
  Effect.gen(function* () {
    const typed = Option.isSome(given)
      ? given.value
      : process.stdin.isTTY
        ? yield* Prompt.text({
            message: `This erases every item in ${loginId}'s vault for good. Type the login ID to confirm`,
          }).pipe(
            Effect.catchTag("QuitException", () => Effect.fail(usageError("cancelled: nothing was reset"))),
          )
        : yield* Effect.fail(
            usageError(`stdin is not a terminal: confirm with --confirm ${loginId}; nothing was reset`),
          )
    if (loginIdKey(typed) !== loginIdKey(loginId)) {
      return yield* Effect.fail(
        usageError(`the confirmation does not match the login ID ${loginId}; nothing was reset`),
      )
    }
  })

/**
 * A reset vault: a reset cut short before its erasure finished leaves events to sweep, and running
 * the reset again is how the operator finishes it. That is no new decision (the reset is recorded),
 * so it asks for no confirmation; with nothing left to sweep there is nothing to do.
 */
const finishCutShortReset = (
  json: boolean,
  found: { readonly accountId: string; readonly loginId: string },
  before: VaultStatus,
  metadata: EventMetadata,
) =>
  Effect.gen(function* () {
    const erased = yield* finishVaultErasure(found.accountId, before.product, metadata)
    if (erased.events === 0) {
      return yield* Effect.fail(
        checkFailed(`${found.loginId}'s ${before.product} vault was already reset at ${before.resetAt}`),
      )
    }
    const finished = { loginId: found.loginId, product: before.product, resetAt: before.resetAt, erased }
    yield* emit(
      json,
      { ...finished, finished: true },
      (r) =>
        `${r.loginId}: ${r.product} vault was already reset at ${r.resetAt}; finished its erasure: ${r.erased.events} events in ${r.erased.streams} streams`,
    )
  })

const reset = Command.make(
  "reset",
  {
    json,
    account,
    product,
    reason: Options.text("reason").pipe(Options.withDescription("why, for the audit log")),
    confirm: Options.text("confirm").pipe(
      Options.withPseudoName("login-id"),
      Options.withDescription("the account's login ID, to confirm without being asked"),
      Options.optional,
    ),
  },
  ({ json, account, product, reason, confirm }) =>
    Effect.gen(function* () {
      // The app's layers do not hold the terminal that the confirmation prompt asks at.
      const terminal = yield* Terminal.Terminal
      return yield* withKeys({ migrate: false })(() =>
        Effect.gen(function* () {
          if (reason.trim() === "") return yield* Effect.fail(usageError("--reason must not be empty"))
          const found = yield* findAccount(account)
          const before = yield* vaultStatus(found.accountId, product)
          const metadata = yield* operatorMetadata
          const neverActivated = () =>
            Effect.fail(
              checkFailed(`${found.loginId} has no ${product} vault to reset: it was never activated`),
            )
          if (before.state === "not-activated") return yield* neverActivated()
          if (before.state === "reset") return yield* finishCutShortReset(json, found, before, metadata)
          yield* confirmLoginId(found.loginId, confirm).pipe(
            Effect.provideService(Terminal.Terminal, terminal),
          )
          const result = yield* resetVaultBySupport(
            found.accountId,
            product,
            { reason: reason.trim() },
            metadata,
          ).pipe(
            // Only a vault never activated is refused, and it was checked above: kept so that no typed
            // refusal reaches the operator as an internal error.
            Effect.catchTag("VaultNotActivated", neverActivated),
          )
          yield* emit(
            json,
            { loginId: found.loginId, product, ...result, finished: false },
            (r) =>
              `${r.loginId}: ${r.product} vault reset at ${r.resetAt}; erased ${r.erased.events} events in ${r.erased.streams} streams`,
          )
        }),
      )
    }),
).pipe(
  Command.withDescription(
    "Reset an account's vault for a customer who lost the client key: erases every item, tells every address (support)",
  ),
)

export const vaultCommand = Command.make("vault").pipe(
  Command.withDescription("The ID Protection vault of customer accounts (support)"),
  Command.withSubcommands([status, reset]),
)
