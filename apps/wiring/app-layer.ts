import { existsSync } from "node:fs"
import { join } from "node:path"
import { Effect, Layer, Logger, Option } from "effect"
import { AesGcmSecretBoxLive } from "../../adapters/crypto/aes-gcm-secret-box.js"
import { AltchaProofOfWorkLive } from "../../adapters/crypto/altcha-proof-of-work.js"
import { makeArgon2PasswordHasher } from "../../adapters/crypto/argon2-password-hasher.js"
import { isCommonPassword } from "../../adapters/crypto/common-passwords.js"
import { makeEd25519Signer } from "../../adapters/crypto/ed25519-signer.js"
import { HmacKeyedDigestLive } from "../../adapters/crypto/hmac-keyed-digest.js"
import { OtpauthTotpLive } from "../../adapters/crypto/otpauth-totp.js"
import {
  loadOrCreateSecretKeyFile,
  parseSecretKey,
  signingKeyFileName,
} from "../../adapters/crypto/secret-key-file.js"
import { SecureRandomLive } from "../../adapters/crypto/secure-random.js"
import { checkDirectoryUsable, directoryProblem, makeDirectory } from "../../adapters/fs/make-directory.js"
import { FileMailerLive } from "../../adapters/mail/file-mailer.js"
import { SmtpMailerLive } from "../../adapters/mail/smtp-mailer.js"
import { QrCodeRendererLive } from "../../adapters/qr/qrcode-renderer.js"
import { noticeJobHandler } from "../../application/accounts/account-notices.js"
import { AccountSettings, type AccountSettingsApi } from "../../application/accounts/account-settings.js"
import { EmailVerificationSettings } from "../../application/accounts/email-verification-settings.js"
import { PasswordHasher } from "../../application/accounts/password-hasher.js"
import { ProductAppSessionsLive } from "../../application/apps/app-sessions.js"
import { lifecycleJobHandler } from "../../application/catalog/lifecycle-jobs.js"
import { EntitlementSigner } from "../../application/entitlements/entitlement-signer.js"
import { instanceJobHandler } from "../../application/instances/instance-saga.js"
import { JobHandlersLive } from "../../application/jobs/job-handler.js"
import { LicenseListCacheLive } from "../../application/licensing/license-list-cache.js"
import { mailJobHandler } from "../../application/mail/mail-channel.js"
import { MailTransport } from "../../application/mail/mail-transport.js"
import { defaultVerificationPolicy } from "../../domain/accounts/email-verification.js"
import { defaultTimeZone } from "../../domain/licensing/license-status.js"
import type { AppConfig } from "../config/config.js"
import { InstancesLive } from "./instances-layer.js"
import { SqlEventLogLive, SqlPortsLive } from "./sql-event-log-service.js"
import { StartupError } from "./startup-error.js"

export const outboxDir = (config: AppConfig) => join(config.dataDir, "outbox")

/** Logs as the operator asked; a CLI logs to stderr so that its stdout stays clean for `--json`. */
export const LoggerLive = (config: AppConfig, to: "stdout" | "stderr") => {
  // jsonLogger only formats; prettyLogger formats and prints.
  const logger =
    config.logFormat === "json"
      ? to === "stderr"
        ? Logger.withConsoleError(Logger.jsonLogger)
        : Logger.withConsoleLog(Logger.jsonLogger)
      : Logger.prettyLogger({ stderr: to === "stderr" })
  return Layer.merge(Logger.replace(Logger.defaultLogger, logger), Logger.minimumLogLevel(config.logLevel))
}

// The embedded default keeps its keys in the data folder; a shared database needs them from outside,
// or every instance would invent its own: none could read the others' secrets (the server key), and
// entitlements would be signed with keys the JWKS of the other instances does not name.
const configuredKey = (
  config: AppConfig,
  key: {
    readonly given: Option.Option<string>
    readonly variable: string
    readonly file: string
    readonly what: string
  },
) =>
  Effect.try({
    try: () =>
      Option.match(key.given, {
        onSome: (text) => parseSecretKey(text, key.variable),
        onNone: () => {
          if (!config.databaseUrl.startsWith("sqlite:")) {
            throw StartupError.config(
              `${key.variable} is required with PostgreSQL (${key.what}: 32 bytes, base64)`,
            )
          }
          return loadOrCreateSecretKeyFile(config.dataDir, key.file).key
        },
      }),
    catch: (error) => (error instanceof StartupError ? error : StartupError.config((error as Error).message)),
  })

const serverKey = (config: AppConfig) =>
  configuredKey(config, {
    given: config.secretKey,
    variable: "PORTCULLIS_SECRET_KEY",
    file: "secret.key",
    what: "the server key",
  })

const signingSeed = (config: AppConfig) =>
  configuredKey(config, {
    given: config.signingKey,
    variable: "PORTCULLIS_SIGNING_KEY",
    file: signingKeyFileName,
    what: "an Ed25519 seed",
  })

// One choice for both: the mail this process writes is recorded for the transport it sends by.
const MailerLive = (config: AppConfig) =>
  Option.match(config.smtpUrl, {
    onSome: (url) =>
      Layer.merge(SmtpMailerLive({ url, from: config.mailFrom }), Layer.succeed(MailTransport, "smtp")),
    onNone: () =>
      Layer.merge(
        FileMailerLive({ dir: outboxDir(config), from: config.mailFrom }),
        Layer.succeed(MailTransport, "file"),
      ),
  })

export interface AppLayerOptions {
  /** Apply pending migrations on open (serve, db migrate); other commands refuse an unmigrated database. */
  readonly migrate: boolean
}

/**
 * The data folder, created if `create` (serve and the commands that need its key file; the others
 * leave a missing one to the database's "run db migrate"), and usable by this process: checked
 * before anything opens a file in it, so that the line names DATA_DIR, not a file's raw EACCES.
 */
export const checkDataDir = (config: AppConfig, options: { readonly create: boolean }) =>
  Effect.try({
    try: () => {
      if (options.create) makeDirectory(config.dataDir)
      else if (!existsSync(config.dataDir)) return
      checkDirectoryUsable(config.dataDir)
    },
    catch: (error) =>
      StartupError.config(`DATA_DIR: cannot use ${config.dataDir}: ${directoryProblem(error)}`),
  })

const accountSettings = (config: AppConfig): AccountSettingsApi => ({
  passwordPolicy: config.passwordPolicy,
  isCommonPassword,
  sessionIdleMinutes: config.sessionIdleMinutes,
  sessionAbsoluteHours: config.sessionAbsoluteHours,
  resetLinkMinutes: 60,
  defaultTimeZone: defaultTimeZone,
  publicUrl: config.publicUrl,
  brand: { name: config.mailBrand, supportUrl: config.supportUrl },
})

const emailVerification = (config: AppConfig) =>
  Layer.succeed(EmailVerificationSettings, {
    ...defaultVerificationPolicy,
    ...(config.emailCodeResendSeconds === undefined
      ? {}
      : { resendAfterMs: config.emailCodeResendSeconds * 1000 }),
    ...(config.emailCodeMinutes === undefined ? {} : { codeTtlMs: config.emailCodeMinutes * 60_000 }),
  })

/** The event log and its ports, mail and randomness: all an operator command needs. */
export const CoreLive = (config: AppConfig, options: AppLayerOptions) =>
  Layer.mergeAll(SqlPortsLive, InstancesLive(config), MailerLive(config), SecureRandomLive).pipe(
    Layer.provideMerge(SqlEventLogLive(config, { migrate: options.migrate })),
    Layer.provide(Layer.effectDiscard(checkDataDir(config, { create: false }))),
  )

/** Everything the use cases need, keys included: what `serve` runs on. */
export const AppLive = (config: AppConfig, options: AppLayerOptions) =>
  Layer.unwrapEffect(
    Effect.gen(function* () {
      yield* checkDataDir(config, { create: true })
      const key = yield* serverKey(config)
      const seed = yield* signingSeed(config)
      const services = Layer.mergeAll(
        CoreLive(config, options),
        AesGcmSecretBoxLive(key),
        HmacKeyedDigestLive(key),
        Layer.effect(PasswordHasher, makeArgon2PasswordHasher()),
        Layer.succeed(AccountSettings, accountSettings(config)),
        emailVerification(config),
        LicenseListCacheLive,
        OtpauthTotpLive,
        QrCodeRendererLive,
        AltchaProofOfWorkLive,
        Layer.succeed(EntitlementSigner, makeEd25519Signer(seed)),
      ).pipe((base) => Layer.provideMerge(ProductAppSessionsLive, base))
      // Each channel's handler is built with the services above (mail with the key, to open sealed mail).
      return JobHandlersLive<Layer.Layer.Success<typeof services>>(
        mailJobHandler,
        noticeJobHandler,
        lifecycleJobHandler,
        instanceJobHandler,
      ).pipe(Layer.provideMerge(services))
    }),
  )
