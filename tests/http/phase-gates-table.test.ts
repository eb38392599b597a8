// The phase-gate table over HTTP: for every capability, the route or command that needs it, asked in
// every phase of the Password Manager (active, sunset scheduled, ended), answers as the table says.
// The probes are typed by the table's capabilities, so a capability added without one does not compile.
import { randomUUID } from "node:crypto"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { scheduleSunset } from "../../application/catalog/sunsets.js"
import { resetVaultBySupport } from "../../application/vault/index.js"
import {
  activateVault,
  type ClientKey,
  createVaultApi,
  memoryKeyStore,
  unlockVault,
  type VaultAccess,
  VaultProblem,
  type VaultSession,
} from "../../apps/vault-client/index.js"
import { type Capability, capabilities, phaseGates } from "../../domain/catalog/phase-gates.js"
import type { ProductPhase } from "../../domain/catalog/product-lifecycle.js"
import { instantFromMillis } from "../../domain/kernel/index.js"
import { bearer, customerApp, json } from "./customer-app.js"
import { callsTo } from "./customer-calls.js"

const product = "password-manager"
const password = "Kagi2Mori#Tsuki"
const operator = { actor: { kind: "operator" as const, id: "test-operator" } }
const phaseSlugs = new Set(["service-ended", "read-only", "export-disabled"])

let app: Awaited<ReturnType<typeof customerApp>>
beforeAll(async () => {
  app = await customerApp()
})
afterAll(() => app.close())
const { call } = callsTo(() => app)

/**
 * "allowed", or the phase refusal's slug. Allowed means the capability's own answer, `allowed`:
 * its success, or the refusal the probe sets out to meet (an answer of any other kind fails here).
 */
const outcomeOf = (
  answer: { status: number; body: { type?: string } | undefined },
  allowed: { readonly status: number; readonly slug?: string },
) => {
  const slug = answer.body?.type?.split("/").pop() ?? ""
  if (phaseSlugs.has(slug)) return slug
  expect({ status: answer.status, slug: allowed.slug === undefined ? undefined : slug }).toEqual({
    status: allowed.status,
    slug: allowed.slug,
  })
  return "allowed"
}
const outcomeOfCall = async (run: () => Promise<unknown>, allowedSlug?: string) => {
  try {
    await run()
    expect(allowedSlug, "the refusal the probe sets out to meet").toBeUndefined()
    return "allowed"
  } catch (error) {
    if (!(error instanceof VaultProblem)) throw error
    if (phaseSlugs.has(error.slug)) return error.slug
    expect(error.slug).toBe(allowedSlug)
    return "allowed"
  }
}

interface Customer {
  readonly accountId: string
  readonly email: string
  readonly portal: string
  refreshToken: string
  accessToken: string
  session: VaultSession
  clientKey: ClientKey
  /** Another account of the customer's, with no vault, for support's reset to find nothing in. */
  readonly withoutVault: string
}

const access = (token: string): VaultAccess => ({
  api: createVaultApi({
    baseUrl: "http://portcullis.test",
    headers: { authorization: `Bearer ${token}` },
    fetch: (url, init) => Promise.resolve(app.app.request(url, init)),
  }),
  product,
  device: { id: randomUUID(), name: "Laptop" },
  keyStore: memoryKeyStore(),
})

const newCustomer = async (): Promise<Customer> => {
  const [key] = await app.issue(1, { productId: product, packageId: "annual" })
  const email = `gates.${randomUUID()}@example.jp`
  const created = await call(
    "/v1/personal-accounts",
    json("POST", { licenseKey: key, acceptEula: true, email, password, passwordConfirmation: password }),
  )
  expect(created.status).toBe(201)
  const portal = (await call("/v1/sessions", json("POST", { loginId: email, password }))).body.token as string
  const device = await call(
    "/v1/app-sessions",
    json("POST", { loginId: email, password, productId: product, deviceName: "Phone" }),
  )
  expect(device.status).toBe(201)
  const { session, clientKey } = await activateVault({ ...access(portal), password })
  await session.save({ baseVersion: 0, content: { kind: "note", title: "first", text: "kept" } })
  return {
    accountId: created.body.accountId,
    email,
    portal,
    refreshToken: device.body.refreshToken,
    accessToken: device.body.accessToken,
    session,
    clientKey,
    withoutVault: await newCustomerWithoutVault(),
  }
}

type Probe = (customer: Customer) => Promise<string>

const probes: { readonly [C in Capability]: Probe } = {
  "license.register": async (c) => {
    const [key] = await app.issue(1, { productId: product, packageId: "annual" })
    return outcomeOf(
      await call("/v1/licenses", json("POST", { licenseKey: key, acceptEula: true }, c.portal)),
      { status: 201 },
    )
  },
  "app.sign-in": async (c) =>
    outcomeOf(
      await call(
        "/v1/app-sessions",
        json("POST", { loginId: c.email, password, productId: product, deviceName: "Tablet" }),
      ),
      { status: 201 },
    ),
  "app.refresh": async (c) => {
    const answer = await call("/v1/app-sessions/refresh", json("POST", { refreshToken: c.refreshToken }))
    if (answer.status === 200) {
      c.refreshToken = answer.body.refreshToken
      c.accessToken = answer.body.accessToken
    }
    return outcomeOf(answer, { status: 200 })
  },
  "app.access": async (c) => outcomeOf(await call("/v1/app/session", bearer(c.accessToken)), { status: 200 }),
  "entitlement.issue": async (c) =>
    outcomeOf(await call(`/v1/account/entitlements/${product}`, bearer(c.portal)), { status: 200 }),
  // Already active: allowed means the vault's own refusal (already activated), not the phase's.
  "vault.activate": (c) =>
    outcomeOfCall(() => activateVault({ ...access(c.portal), password }), "vault-already-activated"),
  "vault.unlock": (c) =>
    outcomeOfCall(() => unlockVault({ ...access(c.portal), password, clientKey: c.clientKey })),
  "vault.read": (c) => outcomeOfCall(() => c.session.items()),
  "vault.write": (c) =>
    outcomeOfCall(() =>
      c.session.save({ baseVersion: 0, content: { kind: "note", title: "new", text: "x" } }),
    ),
  "vault.rotate-key": (c) =>
    outcomeOfCall(async () => {
      c.clientKey = await c.session.rotateKey({ password })
    }),
  // A confirmation that is not RESET: allowed means refused for the confirmation, nothing reset.
  "vault.reset-by-customer": async (c) =>
    outcomeOf(
      await call(
        `/v1/account/vault/${product}/reset`,
        json("POST", { password, confirmation: "NOPE" }, c.portal),
      ),
      { status: 422, slug: "vault-reset-not-confirmed" },
    ),
  // Support's reset of an account with no vault: allowed means refused for that, nothing reset.
  "vault.reset-by-support": async (c) => {
    const result = await app.runtime.runPromise(
      Effect.either(resetVaultBySupport(c.withoutVault, product, { reason: "gate table" }, operator)),
    )
    // The table never refuses it, so the compiler lists no phase refusal among its failures.
    const tag = result._tag === "Left" ? result.left._tag : "Right"
    return tag === "VaultNotActivated" ? "allowed" : tag
  },
  "vault.export": (c) => outcomeOfCall(() => c.session.export()),
}

const newCustomerWithoutVault = async () => {
  const [key] = await app.issue(1, { productId: product, packageId: "annual" })
  const email = `gates.${randomUUID()}@example.jp`
  const created = await call(
    "/v1/personal-accounts",
    json("POST", { licenseKey: key, acceptEula: true, email, password, passwordConfirmation: password }),
  )
  return created.body.accountId as string
}

const schedule = (endsAt: number) =>
  app.runtime.runPromise(
    scheduleSunset(product, { endsAt: instantFromMillis(endsAt), successor: "id-protection" }, operator),
  )

/** What every capability answers in `phase`, beside what the table says. */
const answersIn = async (phase: ProductPhase, customer: Customer) => {
  const status = await call(`/v1/products/${product}/status`)
  expect(status.body.phase).toBe(phase)
  const answered: Record<string, string> = {}
  const expected: Record<string, string> = {}
  for (const capability of capabilities) {
    answered[capability] = await probes[capability](customer)
    expected[capability] = phaseGates[capability][phase]
  }
  return { answered, expected }
}

describe("the phase-gate table over HTTP", () => {
  it("answers every capability in every phase as the table says", async () => {
    const customer = await newCustomer()
    const active = await answersIn("active", customer)
    expect(active.answered).toEqual(active.expected)

    await schedule(Date.UTC(2099, 0, 1))
    const scheduled = await answersIn("sunset-scheduled", customer)
    expect(scheduled.answered).toEqual(scheduled.expected)

    // A customer set up before the end, who meets it with a live app session and vault.
    const late = await newCustomer()
    const endsAt = Date.now() + 1500
    await schedule(endsAt)
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, endsAt - Date.now() + 50)))
    const ended = await answersIn("ended", late)
    expect(ended.answered).toEqual(ended.expected)
    // The table is not trivially all one answer: the end closes something of every kind.
    expect(new Set(Object.values(ended.expected))).toEqual(
      new Set(["allowed", "service-ended", "read-only", "export-disabled"]),
    )
  })
})
