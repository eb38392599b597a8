import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Layer, LogLevel, ManagedRuntime, Option } from "effect"
import { seedSampleCatalog } from "../../application/catalog/catalog-product.js"
import { issueKeys } from "../../application/licensing/issue-keys.js"
import type { AppConfig } from "../../apps/config/config.js"
import { createHttpApp } from "../../apps/http/app.js"
import { customerProblems } from "../../apps/http/routes/customer-problems.js"
import { customerRoutes } from "../../apps/http/routes/customer-routes.js"
import { AppLive, LoggerLive } from "../../apps/wiring/app-layer.js"

// Set up as tests/http/customer-app.ts does (copied: bench must not import tests/).

const operator = { actor: { kind: "operator" as const, id: "bench-operator" } }

/** The customer API on a fresh embedded database in a temporary folder; mail goes to files. */
export const customerServer = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "portcullis-bench-http-"))
  const config: AppConfig = {
    port: 0,
    host: "127.0.0.1",
    dataDir,
    databaseUrl: `sqlite:${join(dataDir, "portcullis.db")}`,
    smtpUrl: Option.none(),
    mailFrom: "Portcullis <no-reply@portcullis.test>",
    secretKey: Option.none(),
    // Warning and up only, to stderr: one access-log line per request would cost time and flood the output.
    logLevel: LogLevel.Warning,
    logFormat: "json",
    passwordPolicy: "manual",
    sessionIdleMinutes: 30,
    sessionAbsoluteHours: 12,
    publicUrl: "http://portcullis.test",
    mailBrand: "Portcullis",
    supportUrl: "https://portcullis.test/support",
  }
  // AppLive alone leaves Effect's default logger (Info, stdout) in place; serve provides LoggerLive too.
  const runtime = ManagedRuntime.make(
    AppLive(config, { migrate: true }).pipe(Layer.provideMerge(LoggerLive(config, "stderr")), Layer.orDie),
  )
  try {
    await runtime.runPromise(seedSampleCatalog())
  } catch (error) {
    await runtime.dispose()
    rmSync(dataDir, { recursive: true, force: true })
    throw error
  }
  const app = createHttpApp({
    runtime,
    routes: customerRoutes,
    problems: customerProblems,
    health: Effect.succeed({ ok: true, checks: {} }),
  })
  const issue = async (count: number) =>
    (
      await runtime.runPromise(
        issueKeys(
          {
            productId: "cloud-app-security",
            packageId: "standard",
            seats: 50,
            licenseType: "full",
            expiresOn: "2099-03-31",
            kind: "rk",
            channel: "direct",
            count,
          },
          operator,
        ),
      )
    ).keys.map((k) => k.key)
  return {
    app,
    runtime,
    databaseFile: join(dataDir, "portcullis.db"),
    issue,
    close: async () => {
      await runtime.dispose()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** A valid registration body for `POST /v1/accounts` (as in tests/http/customer-app.ts). */
export const registration = (licenseKey: string, loginId = "ecss_bench1") => ({
  licenseKey,
  acceptEula: true,
  loginId,
  password: "Kagi2Mori#Tsuki",
  passwordConfirmation: "Kagi2Mori#Tsuki",
  user: {
    email: "bench1@example.co.jp",
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
  emergencyContactEmail: "emergency1@example.co.jp",
})
