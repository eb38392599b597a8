import { Data, Effect } from "effect"
import { loginIdKey } from "../../domain/accounts/login-id.js"
import {
  ConsoleUserAlreadyUpgraded,
  consoleUpgrade,
  consoleUpgradeStreamId,
  UpgradeEmailNotVerified,
} from "../../domain/instances/console-upgrade.js"
import type { EventMetadata } from "../../domain/kernel/index.js"
import { PasswordHasher } from "../accounts/password-hasher.js"
import { checkNewPassword } from "../accounts/password-rules.js"
import { loadAggregate, runCommand } from "../event-log/command-runner.js"
import { now } from "../platform/now.js"
import { standing } from "./console-upgrade.js"
import { consoleUserFacts } from "./console-user-facts.js"
import { refusalsOnly } from "./refusals-only.js"

// The end of a console user's upgrade (the password, typed twice), and the console's sign-in as it
// is afterwards: with the e-mail address and that password; the old user name only leads to the
// upgrade, and once upgraded is refused.

/** The console's sign-in refused: no such e-mail user account, or not its password (not told apart). */
export class ConsoleSignInFailed extends Data.TaggedError("ConsoleSignInFailed")<{}> {}

/** The password, typed twice, makes the user an e-mail user account; only its hash is recorded. */
export const completeConsoleUpgrade = Effect.fn("ConsoleUpgrade.complete")(
  function* (
    instanceId: string,
    userName: string,
    input: { readonly password: string; readonly passwordConfirmation: string },
    metadata: EventMetadata,
  ) {
    const streamId = consoleUpgradeStreamId(instanceId, userName)
    const { state } = yield* loadAggregate(consoleUpgrade, streamId)
    // Checked here only to apply the password rules to the address; the decider decides.
    const email =
      state._tag === "Verifying" && state.verification._tag === "Verified"
        ? state.verification.email
        : undefined
    if (state._tag !== "Upgraded") {
      const { facts } = yield* consoleUserFacts(instanceId, userName)
      // The decider's refusals (not updated, unknown, taken) come before the password's.
      if (email === undefined || !facts.known || !facts.instanceUpdated) {
        yield* consoleUpgrade.decider.decide(
          { _tag: "Complete", user: facts, passwordHash: "", at: yield* now },
          state,
        )
        return yield* new UpgradeEmailNotVerified()
      }
      yield* checkNewPassword({
        loginId: email,
        password: input.password,
        confirmation: input.passwordConfirmation,
        field: "/password",
        confirmationField: "/passwordConfirmation",
      })
      const passwordHash = yield* (yield* PasswordHasher).hash(input.password)
      yield* runCommand(
        consoleUpgrade,
        streamId,
        { _tag: "Complete", user: facts, passwordHash, at: yield* now },
        { metadata },
      )
    }
    const done = yield* loadAggregate(consoleUpgrade, streamId)
    if (done.state._tag !== "Upgraded") return yield* Effect.dieMessage("the upgrade recorded nothing")
    // A retried request (the answer lost) is answered again, but only with the password it set:
    // anyone else who knows the instance and the user name must not read the address.
    if (state._tag === "Upgraded") {
      const same = yield* (yield* PasswordHasher).verify(done.state.passwordHash, input.password)
      if (!same) return yield* new ConsoleUserAlreadyUpgraded()
    }
    return { userName, email: done.state.email, mustUpgrade: false as const }
  },
  refusalsOnly(
    ...standing,
    "StreamVersionConflict",
    "IdempotencyKeyReused",
    "ConsoleEmailTaken",
    "InvalidFields",
    "UpgradeEmailNotVerified",
  ),
)

/**
 * The console's sign-in (simulated: docs/decisions.md, 63). With the e-mail address of an upgraded
 * user and its password: signed in. With a console user name: the upgrade, refused when the
 * instance is not updated, the name unknown, or the user already an e-mail user account.
 */
export const consoleSignIn = Effect.fn("ConsoleUpgrade.signIn")(
  function* (
    instanceId: string,
    input: { readonly userName: string; readonly password?: string | undefined },
  ) {
    const { all, facts } = yield* consoleUserFacts(instanceId, input.userName)
    const byEmail = all.find(
      ({ upgrade }) =>
        upgrade._tag === "Upgraded" && loginIdKey(upgrade.email) === loginIdKey(input.userName),
    )
    if (byEmail !== undefined && byEmail.upgrade._tag === "Upgraded") {
      const matches =
        input.password !== undefined &&
        (yield* (yield* PasswordHasher).verify(byEmail.upgrade.passwordHash, input.password))
      if (!matches) return yield* new ConsoleSignInFailed()
      return { outcome: "signed-in" as const, userName: byEmail.user.userName, email: byEmail.upgrade.email }
    }
    const { state } = yield* loadAggregate(consoleUpgrade, consoleUpgradeStreamId(instanceId, input.userName))
    yield* consoleUpgrade.decider.decide({ _tag: "SignInWithUserName", user: facts, at: yield* now }, state)
    return { outcome: "upgrade-required" as const, userName: input.userName }
  },
  refusalsOnly(...standing, "ConsoleSignInFailed"),
)
