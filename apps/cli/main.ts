import { readFileSync } from "node:fs"
import { Command, ValidationError } from "@effect/cli"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { Cause, Console, Effect, Exit } from "effect"
import { CliFailure } from "./cli-failure.js"
import { accountsCommand } from "./commands/accounts.js"
import { appSessionsCommand } from "./commands/app-sessions.js"
import { auditCommand } from "./commands/audit.js"
import { catalogCommand } from "./commands/catalog.js"
import { dbCommand } from "./commands/db.js"
import { eventsCommand } from "./commands/events.js"
import { instancesCommand } from "./commands/instances.js"
import { jobsCommand, outboxCommand } from "./commands/jobs.js"
import { keysCommand } from "./commands/keys.js"
import { licensesCommand } from "./commands/licenses.js"
import { mailCommand } from "./commands/mail.js"
import { projectionsCommand } from "./commands/projections.js"
import { serveCommand } from "./commands/serve.js"
import { signingKeysCommand } from "./commands/signing-keys.js"
import { sunsetCommand } from "./commands/sunset.js"
import { switchCommand } from "./commands/switch.js"
import { twoFactorCommand } from "./commands/two-factor.js"
import { vaultCommand } from "./commands/vault.js"

const { version } = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {
  version: string
}

const root = Command.make("portcullis").pipe(
  Command.withDescription("Portcullis: accounts, licences and account security, on an audited event log"),
  Command.withSubcommands([
    serveCommand,
    dbCommand,
    eventsCommand,
    auditCommand,
    projectionsCommand,
    jobsCommand,
    outboxCommand,
    mailCommand,
    catalogCommand,
    sunsetCommand,
    switchCommand,
    signingKeysCommand,
    keysCommand,
    accountsCommand,
    licensesCommand,
    twoFactorCommand,
    appSessionsCommand,
    vaultCommand,
    instancesCommand,
  ]),
)

const cli = Command.run(root, { name: "portcullis", version })

const exitWith = (code: number, message?: string) =>
  Effect.gen(function* () {
    if (message) yield* Console.error(`portcullis: ${message}`)
    process.exitCode = code
  })

// @effect/cli's built-in `--wizard` prompts for every option and, with no terminal to answer,
// would wait forever on a pipe or in CI.
const wizardWithoutTerminal = process.argv.slice(2).includes("--wizard") && !process.stdin.isTTY

// Exit codes: 0 done, 1 a check failed, 2 bad usage or configuration, 3 database unusable, 70 a bug.
const run = wizardWithoutTerminal
  ? Effect.fail(
      new CliFailure({
        reason:
          "--wizard asks its questions at a terminal, and stdin is not one: give the options instead (see --help)",
        exitCode: 2,
      }),
    )
  : cli(process.argv)

const program = run.pipe(
  Effect.catchIf(ValidationError.isValidationError, () => exitWith(2)),
  Effect.catchIf(
    (error): error is CliFailure => error instanceof CliFailure,
    (failure) => exitWith(failure.exitCode, failure.reason),
  ),
  Effect.catchAllCause((cause) =>
    Cause.isInterruptedOnly(cause)
      ? Effect.void
      : Effect.gen(function* () {
          // The full cause goes to the debug log only: users get one line, never a stack trace.
          yield* Effect.logDebug(Cause.pretty(cause))
          const first = Cause.squash(cause)
          yield* exitWith(70, `internal error: ${String((first as Error)?.message ?? first).split("\n")[0]}`)
        }),
  ),
  Effect.provide(NodeContext.layer),
)

NodeRuntime.runMain(program, {
  disableErrorReporting: true,
  teardown: (exit, onExit) =>
    onExit(
      Exit.isFailure(exit) && !Cause.isInterruptedOnly(exit.cause)
        ? 1
        : ((process.exitCode as number | undefined) ?? 0),
    ),
})
