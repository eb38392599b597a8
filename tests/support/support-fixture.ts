// Support-command tests' fixture: an account with a key and 2FA on, written straight through the
// deciders and the event store (the binary has no registration command).
import { join } from "node:path"
import { Effect } from "effect"
import { expect } from "vitest"
import { openSqlEventLog } from "../../adapters/sql/sql-event-log.js"
import { runCommand } from "../../application/event-log/command-runner.js"
import { EventStore } from "../../application/event-log/event-store.js"
import { account, accountStreamId } from "../../domain/accounts/account.js"
import { type Instant, instantFromMillis } from "../../domain/kernel/index.js"
import { license, licenseStreamId } from "../../domain/licensing/license.js"
import { type TwoFactorCommand, twoFactor, twoFactorStreamId } from "../../domain/two-factor/two-factor.js"
import type { CliResult } from "./cli.js"
import { sampleContractor, sampleSupportContact, sampleUser } from "./sample-account.js"

export const accountId = "01900000-0000-7000-8000-000000000001"
export const loginId = "Support_Tester"
const metadata = { actor: { kind: "operator" as const, id: "test-setup" } }

/** An account's registration with the sample details, through the decider (run with an EventStore). */
export const registerAccountCommand = (id: string, login: string, at: Instant) =>
  runCommand(
    account,
    accountStreamId(id),
    {
      _tag: "Register",
      at,
      registration: {
        accountId: id,
        loginId: login,
        passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
        user: sampleUser,
        contractor: sampleContractor,
        purchaseSource: { companyName: "販売店株式会社" },
        supportContact: sampleSupportContact,
        emergencyContactEmail: "emergency@example.co.jp",
        language: "ja",
        timeZone: "Asia/Tokyo",
      },
    },
    { metadata },
  )

/**
 * Registers a key to a new account straight through the deciders and the event store: the binary
 * has no registration command, and registering needs no secret (the key is named by its id).
 */
export const registerAccountWithKey = async (dataDir: string, keyHash: string) => {
  const log = await openSqlEventLog(`sqlite:${join(dataDir, "portcullis.db")}`)
  const at = instantFromMillis(Date.now())
  try {
    await Effect.runPromise(
      Effect.gen(function* () {
        yield* registerAccountCommand(accountId, loginId, at)
        yield* runCommand(
          license,
          licenseStreamId(keyHash),
          { _tag: "Register", accountId, today: at.slice(0, 10), at },
          { metadata },
        )
      }).pipe(Effect.provideService(EventStore, log.store)),
    )
  } finally {
    await log.close()
  }
}

/** Registers accounts without licences, all in one instant, in the order given. */
export const registerAccounts = async (
  dataDir: string,
  accounts: ReadonlyArray<{ readonly accountId: string; readonly loginId: string }>,
) => {
  const log = await openSqlEventLog(`sqlite:${join(dataDir, "portcullis.db")}`)
  const at = instantFromMillis(Date.now())
  try {
    await Effect.runPromise(
      Effect.forEach(accounts, (a) => registerAccountCommand(a.accountId, a.loginId, at)).pipe(
        Effect.provideService(EventStore, log.store),
      ),
    )
  } finally {
    await log.close()
  }
}

/** 2FA on for the test account, straight through the decider (the secret is never opened here). */
export const enableTwoFactor = async (dataDir: string) => {
  const log = await openSqlEventLog(`sqlite:${join(dataDir, "portcullis.db")}`)
  const streamId = twoFactorStreamId(accountId)
  const at = () => instantFromMillis(Date.now())
  const step = (command: TwoFactorCommand) => runCommand(twoFactor, streamId, command, { metadata })
  try {
    await Effect.runPromise(
      Effect.gen(function* () {
        yield* step({ _tag: "SendVerification", codeDigest: "digest-of-code", at: at() })
        yield* step({
          _tag: "StartEnrollment",
          codeDigest: "digest-of-code",
          enrollmentId: "enrollment-1",
          sealedSecret: "sealed-secret",
          at: at(),
        })
        yield* step({
          _tag: "Activate",
          enrollmentId: "enrollment-1",
          step: 1,
          recoveryCodeDigests: [],
          at: at(),
        })
      }).pipe(Effect.provideService(EventStore, log.store)),
    )
  } finally {
    await log.close()
  }
}

export const lastGroup = (key: string) => key.split("-").at(-1)!

/** A refusal: one line on stderr, never a stack trace. */
export const expectOneLine = (result: CliResult, code: number, text: string) => {
  expect(result.status).toBe(code)
  expect(result.stderr).toMatch(/^portcullis: [^\n]+\n$/)
  expect(result.stderr).toContain(text)
  expect(result.stderr).not.toMatch(/\n\s+at /)
}

export interface ListedLicense {
  id: string
  maskedKey: string
  status: string
  expiresOn: string
  owner: { accountId: string; loginId: string | null } | null
}

/** `keys issue` for the sample catalogue's Cloud App Security, valid to 2099-03-31, with more options. */
export const issueArgs = (...extra: Array<string>) => [
  "keys",
  "issue",
  "--product",
  "cloud-app-security",
  "--package",
  "standard",
  "--expires",
  "2099-03-31",
  ...extra,
]
