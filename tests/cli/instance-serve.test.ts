// The instance's update as `serve` runs it, killed with SIGKILL while the console updates: the saga
// is durable, so the restarted server takes the step up where it was and finishes, with one
// InstanceSwitched and one ProductSwitched on the licence. Before it, the console's temporary
// problem once (scripted), and the customer's retry from its retry time. On PostgreSQL two servers
// share the work: the one left alive finishes, and no step is recorded twice.
import { randomBytes } from "node:crypto"
import { describe, expect, it } from "vitest"
import { registration } from "../http/customer-app.js"
import { cli, type RunningServer, startServer, tempDataDir } from "../support/cli.js"
import { postgres, type StoreTarget, sqliteFile } from "../support/stores.js"
import { sleep, until } from "../support/until.js"

const allAccepted = {
  acceptLicenseAgreement: true,
  acceptPrivacyNotice: true,
  acceptDataCollectionNotice: true,
  acknowledgePermanent: true,
}

const client = (server: () => RunningServer) => {
  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const answer = await fetch(`http://127.0.0.1:${server().port}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await answer.text()
    return { status: answer.status, body: text ? JSON.parse(text) : undefined }
  }
  return call
}

const streamTypes = async (env: Record<string, string>, stream: string) =>
  (await cli(["events", "tail", "--stream", stream, "--json"], env)).stdout
    .trim()
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => (JSON.parse(line) as { type: string }).type)

const killedWhileUpdating = async (target: StoreTarget, count: number) => {
  const database = await target.fresh()
  const env = {
    DATA_DIR: tempDataDir(),
    DATABASE_URL: database.url,
    PORTCULLIS_SECRET_KEY: randomBytes(32).toString("base64"),
    PORTCULLIS_SIGNING_KEY: randomBytes(32).toString("base64"),
    CONSOLE_PROVISION_SECONDS: "0",
    CONSOLE_UPDATE_SECONDS: "6",
    CONSOLE_RETRY_AFTER_SECONDS: "1",
    CONSOLE_FAULTS: "fail,ok",
  }
  expect((await cli(["db", "migrate"], env)).status).toBe(0)
  expect((await cli(["catalog", "seed"], env)).status).toBe(0)
  const issued = await cli(
    ["keys", "issue", "--product", "apex-one-saas", "--package", "standard", "--expires", "2099-03-31"],
    env,
  )
  const key = issued.stdout.trim()
  const servers: Array<RunningServer> = []
  for (let i = 0; i < count; i++) servers.push(await startServer({ ...env, DATA_DIR: tempDataDir() }))
  // The customer talks to the last server; the first is the one killed.
  const call = client(() => servers.at(-1)!)
  try {
    const form = registration(key)
    expect((await call("POST", "/v1/accounts", form)).status).toBe(201)
    const token = (await call("POST", "/v1/sessions", { loginId: form.loginId, password: form.password }))
      .body.token as string
    const id = (await call("GET", "/v1/instances", undefined, token)).body.instances[0].id as string
    const path = `/v1/instances/${id}`
    expect((await call("POST", "/v1/instances", { licenseId: id }, token)).status).toBe(202)
    await until("the console provisioned", async () =>
      (await call("GET", path, undefined, token)).body.status === "ready" ? true : undefined,
    )
    const registrationToken = (await call("POST", `${path}/registration-token`, undefined, token)).body.token
    expect((await call("POST", "/v1/instance-registrations", { token: registrationToken })).status).toBe(201)

    // The first attempt meets the console's temporary problem; the retry from its time begins.
    expect((await call("POST", `${path}/update`, allAccepted, token)).status).toBe(202)
    const failed = await until("the temporary problem", async () => {
      const body = (await call("GET", path, undefined, token)).body
      return body.lastFailure ? body : undefined
    })
    expect(failed).toMatchObject({ status: "connected", productId: "apex-one-saas" })
    await sleep(Math.max(0, Date.parse(failed.lastFailure.retryAt) - Date.now()) + 100)
    expect((await call("POST", `${path}/update`, allAccepted, token)).status).toBe(202)
    await until("the console to begin the update", async () =>
      (await streamTypes(env, `instance-${id}`)).includes("UpdateBegan") ? true : undefined,
    )

    const killed = servers.shift()!
    killed.child.kill("SIGKILL")
    await new Promise((resolve) => killed.child.once("exit", resolve))
    // Alone, it is started again; beside another, that one goes on.
    if (servers.length === 0) servers.push(await startServer({ ...env, DATA_DIR: tempDataDir() }))
    const done = await until(
      "the restarted server to finish the update",
      async () => {
        const body = (await call("GET", path, undefined, token)).body
        return body.updated ? body : undefined
      },
      90_000,
    )
    expect(done).toMatchObject({ status: "connected", productId: "vision-one-sep" })
    await until("the licence to move", async () =>
      (await streamTypes(env, `license-${id}`)).includes("ProductSwitched") ? true : undefined,
    )
    const instanceTypes = await streamTypes(env, `instance-${id}`)
    expect(instanceTypes.filter((t) => t === "UpdateRequested")).toHaveLength(2)
    expect(instanceTypes.filter((t) => t === "UpdateBegan")).toHaveLength(1)
    expect(instanceTypes.filter((t) => t === "InstanceSwitched")).toHaveLength(1)
    expect((await streamTypes(env, `license-${id}`)).filter((t) => t === "ProductSwitched")).toHaveLength(1)
    const jobs = JSON.parse((await cli(["jobs", "status", "--json"], env)).stdout)
    expect(jobs.dead).toEqual([])
    expect((await cli(["audit", "verify"], env)).status).toBe(0)
    // The read models (the instances list, the licences) rebuilt from the log are the live ones.
    expect((await cli(["audit", "replay"], env)).status).toBe(0)
  } finally {
    for (const server of servers) expect(await server.stop()).toBe(0)
    await database.dispose()
  }
}

describe("the instance saga under serve", () => {
  it("finishes the update after serve is killed while the console updates, once restarted", async () => {
    await killedWhileUpdating(sqliteFile, 1)
  })

  it("on PostgreSQL with two serve processes, the one left finishes it, each step recorded once", async () => {
    await killedWhileUpdating(postgres, 2)
  })
})
