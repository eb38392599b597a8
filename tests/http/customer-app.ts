import { randomBytes } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Layer, LogLevel, ManagedRuntime, Option } from "effect"
import { seedSampleCatalog } from "../../application/catalog/catalog-product.js"
import { drainJobs } from "../../application/jobs/dispatch.js"
import { issueKeys } from "../../application/licensing/issue-keys.js"
import type { AppConfig } from "../../apps/config/config.js"
import { createHttpApp, openApiDocumentOf } from "../../apps/http/app.js"
import { customerFeatures } from "../../apps/http/features.js"
import { customerPortal } from "../../apps/portal/portal.js"
import { portalFeatures } from "../../apps/portal/portal-features.js"
import { AppLive } from "../../apps/wiring/app-layer.js"
import { sampleCatalog } from "../../domain/catalog/sample-catalog.js"
import type { SalesChannel } from "../../domain/licensing/license-events.js"
import { VaultProduct } from "../../domain/vault/vault-events.js"
import { capturedLog, secretsOfTest } from "./logged-secrets.js"
import { checkingResponses } from "./published-responses.js"

const operator = { actor: { kind: "operator" as const, id: "test-operator" } }

export const sharedSigningKey = randomBytes(32).toString("base64")

/** The customer API on a fresh embedded database, mail over real SMTP when a URL is given. */
export const customerApp = async (
  options: {
    readonly smtpUrl?: string
    readonly databaseUrl?: string
    /** Two instances on one PostgreSQL database must share the server key, as real ones do. */
    readonly secretKey?: string
    /** The entitlement signing seed (base64); PostgreSQL instances are given one shared per test run. */
    readonly signingKey?: string
    readonly sessionIdleMinutes?: number
    /** Serves the browser portal beside the API (the browser tests). */
    readonly portal?: boolean
    /** Where e-mail links point: the real server's address in the browser tests. */
    readonly publicUrl?: string
    /** The countdown before another e-mail code (EMAIL_CODE_RESEND_SECONDS): short in the browser tests. */
    readonly emailCodeResendSeconds?: number
    /** The simulated console's times and faults (issue 15). */
    readonly simulatedConsole?: AppConfig["simulatedConsole"]
  } = {},
) => {
  const dataDir = mkdtempSync(join(tmpdir(), "portcullis-customer-"))
  const config: AppConfig = {
    port: 0,
    host: "127.0.0.1",
    dataDir,
    databaseUrl: options.databaseUrl ?? `sqlite:${join(dataDir, "portcullis.db")}`,
    databaseVariable: options.databaseUrl ? "DATABASE_URL" : "DATA_DIR",
    smtpUrl: Option.fromNullable(options.smtpUrl),
    mailFrom: "Portcullis <no-reply@portcullis.test>",
    // The embedded default generates its key into the data folder; PostgreSQL needs one given.
    secretKey: options.databaseUrl
      ? Option.some(options.secretKey ?? randomBytes(32).toString("base64"))
      : Option.none(),
    // Instances on one database sign with one key, as real ones must (the embedded default makes a file).
    signingKey: options.databaseUrl ? Option.some(options.signingKey ?? sharedSigningKey) : Option.none(),
    logLevel: LogLevel.Warning,
    logFormat: "json",
    passwordPolicy: "manual",
    sessionIdleMinutes: options.sessionIdleMinutes ?? 30,
    sessionAbsoluteHours: 12,
    publicUrl: options.publicUrl ?? "http://portcullis.test",
    mailBrand: "Portcullis",
    supportUrl: "https://portcullis.test/support",
    corsOrigins: [],
    ...(options.emailCodeResendSeconds === undefined
      ? {}
      : { emailCodeResendSeconds: options.emailCodeResendSeconds }),
    ...(options.simulatedConsole ? { simulatedConsole: options.simulatedConsole } : {}),
  }
  // Every line is kept, access lines included, to be searched for secrets when the app closes;
  // warnings and worse are printed as `serve` prints them.
  const log = capturedLog()
  const runtime = ManagedRuntime.make(
    AppLive(config, { migrate: true }).pipe(Layer.provideMerge(log.layer), Layer.orDie),
  )
  await runtime.runPromise(seedSampleCatalog())
  const portal = options.portal
    ? customerPortal({ runtime, features: portalFeatures, publicUrl: config.publicUrl })
    : undefined
  const appOptions = {
    runtime,
    features: customerFeatures,
    health: Effect.succeed({ ok: true, checks: {} }),
    ...(portal ? { portal } : {}),
  }
  // The words of the API's paths and the portal's (`password-reset`, and the shell's own `language`):
  // every other segment may be a secret.
  const paths = [
    ...customerFeatures.flatMap((f) => f.routes.map((r) => r.path)),
    ...(portal?.pages ?? []).map((p) => p.path),
  ]
  const routeWords = new Set([
    ...paths.flatMap((path) => path.split("/").filter((s) => !s.startsWith(":"))),
    // Parameters with a fixed list of values, none of them a secret.
    ...VaultProduct.literals,
    ...sampleCatalog.map((entry) => entry.productId),
  ])
  const secrets = secretsOfTest(routeWords)
  const app = secrets.noting(checkingResponses(createHttpApp(appOptions), openApiDocumentOf(appOptions)))
  const issue = async (
    count = 1,
    overrides: Partial<{
      expiresOn: string
      productId: string
      packageId: string
      channel: SalesChannel
    }> = {},
  ) =>
    (
      await runtime.runPromise(
        issueKeys(
          {
            productId: overrides.productId ?? "cloud-app-security",
            packageId: overrides.packageId ?? "standard",
            seats: 50,
            licenseType: "full",
            expiresOn: overrides.expiresOn ?? "2099-03-31",
            kind: "rk",
            channel: overrides.channel ?? "direct",
            count,
          },
          operator,
        ),
      )
    ).keys.map((k) => {
      secrets.add(k.key)
      return k.key
    })
  return {
    app,
    runtime,
    issue,
    deliverMail: () => runtime.runPromise(drainJobs({ ignoreBackoff: true })),
    outboxDir: join(dataDir, "outbox"),
    databaseFile: join(dataDir, "portcullis.db"),
    logLines: log.lines,
    /** A secret the test met elsewhere (a token from a mail), to be searched for in the log too. */
    noteSecret: secrets.add,
    /** Ends the app, then fails if any line it logged holds any secret its test used. */
    close: async () => {
      await runtime.dispose()
      rmSync(dataDir, { recursive: true, force: true })
      secrets.expectNoneIn(log.lines)
    },
  }
}

export const json = (method: string, body: unknown, token?: string): RequestInit => ({
  method,
  headers: {
    "content-type": "application/json",
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  },
  body: JSON.stringify(body),
})

export const bearer = (token: string, method = "GET"): RequestInit => ({
  method,
  headers: { authorization: `Bearer ${token}` },
})

let counter = 0
/** A valid registration; every call gets its own login ID. */
export const registration = (licenseKey: string, overrides: Record<string, unknown> = {}) => {
  counter++
  return {
    licenseKey,
    acceptEula: true,
    loginId: `ecss_sample${counter}`,
    password: "Kagi2Mori#Tsuki",
    passwordConfirmation: "Kagi2Mori#Tsuki",
    user: {
      email: `user${counter}@example.co.jp`,
      contactName: "山田 太郎",
      contactNameKana: "ヤマダ タロウ",
      department: "情報システム部",
      phone: { areaCode: "03", number: "12345678" },
    },
    contractor: {
      companyName: "サンプル株式会社",
      companyNameKana: "サンプルカブシキガイシャ",
      postalCode: "160-0022",
      prefecture: "東京都",
      address1: "新宿区新宿4-1-6",
    },
    purchaseSource: { companyName: "販売店株式会社" },
    emergencyContactEmail: `emergency${counter}@example.co.jp`,
    ...overrides,
  }
}
