// App sessions across instances and restarts (PostgreSQL): a device's refresh family lives in the
// log, not in a process, so any instance takes the token the last one handed out, a replay through
// one ends the session for all, and a restarted instance carries on with the family it never saw.
import { randomBytes } from "node:crypto"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { postgres } from "../support/stores.js"
import { bearer, customerApp, json } from "./customer-app.js"
import { callsTo } from "./customer-calls.js"

type App = Awaited<ReturnType<typeof customerApp>>
const product = "password-manager"
const password = "Kagi2Mori#Tsuki"

describe("app sessions across instances (PostgreSQL)", () => {
  const instances: Array<App> = []
  let dispose = async () => {}
  let url = ""
  const secretKey = randomBytes(32).toString("base64")
  const signingKey = randomBytes(32).toString("base64")
  const start = async () => {
    const app = await customerApp({ databaseUrl: url, secretKey, signingKey })
    instances.push(app)
    return callsTo(() => app).call
  }
  beforeAll(async () => {
    const fresh = await postgres.fresh()
    dispose = fresh.dispose
    url = fresh.url
  })
  afterAll(async () => {
    for (const app of instances) await app.close()
    await dispose()
  })

  it("refreshes on any instance and after a restart; a replay on one ends the session on all", async () => {
    const a = await start()
    const b = await start()
    const [key] = await instances[0]!.issue(1, { productId: product, packageId: "annual" })
    const email = `instances.${Date.now()}@example.jp`
    const created = await a(
      "/v1/personal-accounts",
      json("POST", { licenseKey: key, acceptEula: true, email, password, passwordConfirmation: password }),
    )
    expect(created.status).toBe(201)
    const signedIn = await a(
      "/v1/app-sessions",
      json("POST", { loginId: email, password, productId: product, deviceName: "Phone" }),
    )
    expect(signedIn.status).toBe(201)

    // B takes A's token, and A takes the access token B handed out.
    const onB = await b(
      "/v1/app-sessions/refresh",
      json("POST", { refreshToken: signedIn.body.refreshToken }),
    )
    expect(onB.status).toBe(200)
    expect((await a("/v1/app/session", bearer(onB.body.accessToken as string))).status).toBe(200)

    // A restarted: a new process with the same keys carries the family on.
    await instances[0]!.close()
    instances.shift()
    const restarted = await start()
    const afterRestart = await restarted(
      "/v1/app-sessions/refresh",
      json("POST", { refreshToken: onB.body.refreshToken }),
    )
    expect(afterRestart.status).toBe(200)

    // The token B handed out comes back on the restarted instance: a replay, and the family ends.
    const replay = await restarted(
      "/v1/app-sessions/refresh",
      json("POST", { refreshToken: onB.body.refreshToken }),
    )
    expect(replay.status).toBe(401)
    expect(replay.body.type).toContain("refresh-token-reused")
    // The newest token and its access token are dead on B too.
    const newest = await b(
      "/v1/app-sessions/refresh",
      json("POST", { refreshToken: afterRestart.body.refreshToken }),
    )
    expect(newest.status).toBe(401)
    expect((await b("/v1/app/session", bearer(afterRestart.body.accessToken as string))).status).toBe(401)
  })
})
