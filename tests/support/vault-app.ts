// The vault's use cases on the real app layer (AppLive) over a fresh SQLite file or PostgreSQL
// schema: accounts with a real password hash, 2FA with a real sealed secret, and the outbox as rows.
import { randomBytes } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import {
  Effect,
  Either,
  Layer,
  LogLevel,
  ManagedRuntime,
  Option,
  Schema,
  Stream,
  TestClock,
  TestContext,
} from "effect"
import { afterAll, beforeAll } from "vitest"
import { noticeChannel, renderNotice } from "../../application/accounts/account-notices.js"
import { PasswordHasher } from "../../application/accounts/password-hasher.js"
import { runCommand } from "../../application/event-log/command-runner.js"
import { EventStore } from "../../application/event-log/event-store.js"
import { sealSecret } from "../../application/two-factor/device-secrets.js"
import { Totp } from "../../application/two-factor/totp.js"
import { activateVault, saveVaultItem } from "../../application/vault/index.js"
import type { AppConfig } from "../../apps/config/config.js"
import { AppLive } from "../../apps/wiring/app-layer.js"
import { SqlEventLogService } from "../../apps/wiring/sql-event-log-service.js"
import { account, accountStreamId } from "../../domain/accounts/account.js"
import { instantFromMillis } from "../../domain/kernel/index.js"
import { twoFactor, twoFactorStreamId } from "../../domain/two-factor/two-factor.js"
import { sampleContractor, sampleSupportContact, sampleUser } from "./sample-account.js"
import { postgres, type StoreTarget, sqliteFile } from "./stores.js"
import { envelopeOf, laptop, nextId, product, proofOf } from "./vault-inputs.js"

export const vaultTargets: ReadonlyArray<StoreTarget> = [sqliteFile, postgres]

export const password = "Kagi2Mori#Tsuki"
/** 2026-12-01T00:00:00Z: where every scenario's TestClock starts. */
export const start = Date.UTC(2026, 11, 1)
export const customerOf = (accountId: string) => ({ actor: { kind: "customer" as const, id: accountId } })
export const operator = { actor: { kind: "operator" as const, id: "support-7" } }

const configFor = (dataDir: string, databaseUrl: string): AppConfig => ({
  port: 0,
  host: "127.0.0.1",
  dataDir,
  databaseUrl,
  databaseVariable: "DATABASE_URL",
  smtpUrl: Option.none(),
  mailFrom: "Portcullis <no-reply@portcullis.test>",
  secretKey: Option.some(randomBytes(32).toString("base64")),
  signingKey: Option.some(randomBytes(32).toString("base64")),
  logLevel: LogLevel.Warning,
  logFormat: "json",
  passwordPolicy: "manual",
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  publicUrl: "http://portcullis.test",
  mailBrand: "Portcullis",
  supportUrl: "https://portcullis.test/support",
  corsOrigins: [],
})

/** The tag of a refusal, or "ok": what a scenario asserts of a step it expects refused. */
export const tagOf = <A, E extends { readonly _tag: string }, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.map(Effect.either(effect), (result) => (Either.isLeft(result) ? result.left._tag : "ok"))

let accounts = 0

export const vaultApp = async (target: StoreTarget) => {
  const dataDir = mkdtempSync(join(tmpdir(), "portcullis-vault-"))
  const database = await target.fresh()
  const runtime = ManagedRuntime.make(
    AppLive(configFor(dataDir, database.url), { migrate: true }).pipe(Layer.orDie),
  )
  type R = ManagedRuntime.ManagedRuntime.Context<typeof runtime>
  /** Runs a scenario on the TestClock, started at `start`. */
  const run = <A, E>(effect: Effect.Effect<A, E, R>) =>
    runtime.runPromise(
      Effect.zipRight(TestClock.setTime(start), effect).pipe(Effect.provide(TestContext.TestContext)),
    )
  /** A new account with `password` and every address of its own. */
  const register = Effect.gen(function* () {
    accounts++
    const accountId = `01900000-0000-7000-8000-${String(accounts).padStart(12, "0")}`
    const passwordHash = yield* (yield* PasswordHasher).hash(password)
    yield* runCommand(
      account,
      accountStreamId(accountId),
      {
        _tag: "Register",
        at: instantFromMillis(start),
        registration: {
          accountId,
          loginId: `vault_tester${accounts}`,
          passwordHash,
          user: { ...sampleUser, email: `user${accounts}@example.co.jp` },
          contractor: sampleContractor,
          purchaseSource: { companyName: "販売店株式会社" },
          supportContact: { ...sampleSupportContact, email: `support${accounts}@example.co.jp` },
          emergencyContactEmail: `emergency${accounts}@example.co.jp`,
          language: "ja",
          timeZone: "Asia/Tokyo",
        },
      },
      { metadata: operator },
    )
    return accountId
  })
  /**
   * A new account's vault under key `k1`, opened on the laptop, with two items each saved `saves`
   * times under data key 1; then an hour passes.
   */
  const filledVault = (saves = 1) =>
    Effect.gen(function* () {
      const accountId = yield* register
      const vaultId = nextId()
      const meta = customerOf(accountId)
      yield* activateVault(
        accountId,
        product,
        { password, vaultId, envelope: envelopeOf(1), keyProof: proofOf("k1"), device: laptop },
        meta,
      )
      const items = [nextId(), nextId()]
      for (const itemId of items) {
        for (let baseVersion = 0; baseVersion < saves; baseVersion++) {
          const ciphertext = `old-${itemId}-${baseVersion}`
          yield* saveVaultItem(
            accountId,
            product,
            proofOf("k1"),
            itemId,
            { baseVersion, dataKeyVersion: 1, iv: `iv-${baseVersion}`, ciphertext },
            meta,
          )
        }
      }
      yield* TestClock.adjust("1 hour")
      return { accountId, vaultId, meta, items }
    })
  /** Turns 2FA on with a real secret; answers the code of the app at the current time. */
  const enableTwoFactor = (accountId: string) =>
    Effect.gen(function* () {
      const secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
      const totp = yield* Totp
      const at = instantFromMillis(yield* TestClock.currentTimeMillis)
      const stream = twoFactorStreamId(accountId)
      const meta = customerOf(accountId)
      yield* runCommand(
        twoFactor,
        stream,
        { _tag: "SendVerification", codeDigest: "d", at },
        { metadata: meta },
      )
      yield* runCommand(
        twoFactor,
        stream,
        {
          _tag: "StartEnrollment",
          codeDigest: "d",
          enrollmentId: "e1",
          sealedSecret: yield* sealSecret(accountId, secret),
          at,
        },
        { metadata: meta },
      )
      yield* runCommand(
        twoFactor,
        stream,
        {
          _tag: "Activate",
          enrollmentId: "e1",
          step: totp.stepAt(Date.parse(at)),
          recoveryCodeDigests: [],
          at,
        },
        { metadata: meta },
      )
      return {
        /** The app's code now: a step later than any used before, once the clock has moved on 30 s. */
        code: Effect.map(TestClock.currentTimeMillis, (ms) => totp.codeAt(secret, totp.stepAt(ms))),
      }
    })
  const sql = Effect.map(SqlEventLogService, (log) => log.database.db)
  /** The mail the outbox holds, in the order written; a notice as it would be rendered if sent now. */
  const mails = Effect.gen(function* () {
    const db = yield* sql
    const rows = yield* Effect.promise(() =>
      db
        .selectFrom("outbox")
        .select(["channel", "payload"])
        .where("channel", "in", ["mail", noticeChannel.name])
        .orderBy("position")
        .orderBy("next_attempt_at")
        .orderBy("id")
        .execute(),
    )
    type Mail = { readonly to: ReadonlyArray<string>; readonly subject: string; readonly text: string }
    const rendered = yield* Effect.forEach(rows, (row) =>
      row.channel === "mail"
        ? Effect.succeed(Option.some(JSON.parse(row.payload) as Mail))
        : Effect.gen(function* () {
            const job = Schema.decodeUnknownSync(Schema.parseJson(noticeChannel.payload))(row.payload)
            const notice = yield* renderNotice(job.accountId, job.notice)
            return Option.map(
              notice,
              ({ to, mail }): Mail => ({ to, subject: mail.subject, text: mail.text }),
            )
          }),
    )
    return rendered.flatMap((mail) => (Option.isSome(mail) ? [mail.value] : []))
  })
  const allEvents = Effect.flatMap(EventStore, (store) => Stream.runCollect(store.readAll())).pipe(
    Effect.map((chunk) => [...chunk]),
  )
  return {
    runtime,
    run,
    register,
    filledVault,
    enableTwoFactor,
    sql,
    mails,
    allEvents,
    /** Where the file mailer writes what it sends. */
    outboxDir: join(dataDir, "outbox"),
    close: async () => {
      await runtime.dispose()
      await database.dispose()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export type VaultApp = Awaited<ReturnType<typeof vaultApp>>

/** The app of a `describe` block: opened before its tests, closed after them. */
export const useVaultApp = (target: StoreTarget) => {
  let app: VaultApp | undefined
  beforeAll(async () => {
    app = await vaultApp(target)
  })
  afterAll(async () => {
    await app?.close()
  })
  return (): VaultApp => {
    if (app === undefined) throw new Error("the vault app is opened in beforeAll")
    return app
  }
}
