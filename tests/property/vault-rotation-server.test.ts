import { FastCheck as fc } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  activateVault,
  createVaultApi,
  memoryKeyStore,
  unlockVault,
  type VaultAccess,
  type VaultSession,
} from "../../apps/vault-client/index.js"
import { customerApp } from "../http/customer-app.js"
import { callsTo } from "../http/customer-calls.js"

// Against the real server: after any sequence of item saves (new ones and edits), rotations with
// and without re-encryption, and more saves, a device that unlocks with the newest key alone reads
// every item as it was last saved.

type Step =
  | { readonly _tag: "Add"; readonly text: string }
  | { readonly _tag: "Edit"; readonly pick: number; readonly text: string }
  | { readonly _tag: "Rotate"; readonly reencrypt: boolean }

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ _tag: fc.constant("Add" as const), text: fc.string({ maxLength: 300 }) }),
  fc.record({
    _tag: fc.constant("Edit" as const),
    pick: fc.nat(),
    text: fc.fullUnicodeString({ maxLength: 80 }),
  }),
  fc.record({ _tag: fc.constant("Rotate" as const), reencrypt: fc.boolean() }),
)

// Every script rotates at least once, with items saved before it.
const scripts = fc
  .tuple(fc.array(step, { minLength: 1, maxLength: 6 }), fc.boolean(), fc.array(step, { maxLength: 6 }))
  .map(
    ([before, reencrypt, after]): ReadonlyArray<Step> => [
      { _tag: "Add", text: "first" },
      ...before,
      { _tag: "Rotate", reencrypt },
      ...after,
    ],
  )

type App = Awaited<ReturnType<typeof customerApp>>
let api: App
beforeAll(async () => {
  api = await customerApp()
})
afterAll(() => api.close())
const { registerAndLogin } = callsTo(() => api)

const product = "id-protection" as const

describe("vault items across key rotations, against the server", () => {
  it("all decrypt with the newest key on a new device, as last saved", async () => {
    const seen = new Set<string>()
    await fc.assert(
      fc.asyncProperty(scripts, async (script) => {
        const { token, form } = await registerAndLogin()
        const device = (name: string): VaultAccess => ({
          api: createVaultApi({
            baseUrl: "http://portcullis.test",
            fetch: async (url, init) => api.app.request(url, init),
            headers: { authorization: `Bearer ${token}` },
          }),
          product,
          device: { id: crypto.randomUUID(), name },
          keyStore: memoryKeyStore(),
        })
        const { session } = await activateVault({ ...device("Laptop"), password: form.password })
        let key = session.clientKey
        const expected = new Map<string, { version: number; text: string }>()
        const run = async (s: VaultSession, st: Step) => {
          seen.add(st._tag === "Rotate" ? `Rotate:${st.reencrypt}` : st._tag)
          if (st._tag === "Rotate") {
            key = await s.rotateKey({ password: form.password, reencrypt: st.reencrypt })
            // A re-encryption saves every item once more.
            if (st.reencrypt) for (const item of expected.values()) item.version++
            return
          }
          const ids = [...expected.keys()]
          const itemId = st._tag === "Edit" && ids.length > 0 ? ids[st.pick % ids.length] : undefined
          const base = itemId === undefined ? 0 : expected.get(itemId)!.version
          if (itemId !== undefined) seen.add("Edit:existing")
          const saved = await s.save({
            ...(itemId === undefined ? {} : { itemId }),
            baseVersion: base,
            content: { kind: "note", title: "t", text: st.text },
          })
          expected.set(saved.itemId, { version: saved.version, text: st.text })
        }
        for (const st of script) await run(session, st)

        const { session: fresh } = await unlockVault({
          ...device("New"),
          password: form.password,
          clientKey: key,
        })
        const read = await fresh.items()
        expect(
          new Map(
            read.map((item) => [
              item.itemId,
              { version: item.version, text: (item.content as { text: string }).text },
            ]),
          ),
        ).toEqual(expected)
      }),
      { numRuns: 15 },
    )
    // The scripts did reach what the property is about.
    expect([...seen].sort()).toEqual(["Add", "Edit", "Edit:existing", "Rotate:false", "Rotate:true"])
  })
})
