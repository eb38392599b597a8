import { beforeAll, describe, expect, it } from "vitest"
import { vaultItemStreamId, vaultStreamId } from "../../domain/vault/vault-state.js"
import { cli, tempDataDir } from "../support/cli.js"
import { cliAtTerminal } from "../support/cli-terminal.js"
import { expectOneLine } from "../support/support-fixture.js"
import { accountsWithAndWithoutVault } from "../support/vault-cli-fixture.js"
import { envelopeOf, laptop, product } from "../support/vault-inputs.js"

type Vaults = Awaited<ReturnType<typeof accountsWithAndWithoutVault>>

/** Everything key material looks like in the fixture: none of it belongs on a support screen. */
const secrets = (vault: Vaults["first"]) => [
  envelopeOf(1).salt,
  envelopeOf(1).iv,
  envelopeOf(1).wrappedVaultKey,
  ...vault.items.flatMap((itemId) => [`old-${itemId}-0`, `old-${itemId}-1`]),
]

describe("support commands: vault status and reset", () => {
  let env: Record<string, string>
  let vaults: Vaults
  /** The login IDs, as status names them. */
  let first: string
  let second: string
  let third: string
  let withoutVault: string

  const status = async (account: string) => {
    const result = await cli(["vault", "status", account, "--json"], env)
    expect(result.status).toBe(0)
    return JSON.parse(result.stdout)
  }
  const streamEvents = async (streamId: string) =>
    (await cli(["events", "tail", "--json", "--stream", streamId], env)).stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line))

  beforeAll(async () => {
    env = { DATA_DIR: tempDataDir(), PORTCULLIS_OPERATOR: "support-1" }
    vaults = await accountsWithAndWithoutVault(env.DATA_DIR!)
    first = (await status(vaults.first.accountId)).loginId
    second = (await status(vaults.second.accountId)).loginId
    third = (await status(vaults.third.accountId)).loginId
    withoutVault = (await status(vaults.withoutVault)).loginId
  })

  it("status shows the vault's state, versions, devices and counts, never its key material", async () => {
    const shown = await status(first.toUpperCase())
    expect(shown).toEqual({
      loginId: first,
      accountId: vaults.first.accountId,
      product,
      state: "active",
      vaultId: vaults.first.vaultId,
      keyVersion: 1,
      dataKeyVersion: 1,
      activatedAt: "2026-12-01T00:00:00.000Z",
      itemCount: 2,
      devices: [
        {
          deviceId: laptop.deviceId,
          name: laptop.name,
          keyVersion: 1,
          firstUnlockedAt: "2026-12-01T00:00:00.000Z",
          lastUnlockedAt: "2026-12-01T00:00:00.000Z",
        },
      ],
      lastActivityAt: expect.any(String),
    })
    const human = await cli(["vault", "status", vaults.first.accountId], env)
    expect(human.status).toBe(0)
    for (const text of [
      first,
      "active",
      vaults.first.vaultId,
      `${laptop.name} (${laptop.deviceId}): key 1`,
      "2026-12-01T00:00:00.000Z",
    ]) {
      expect(human.stdout).toContain(text)
    }
    expect(human.stdout).toMatch(/items:\s+2\n/)
    for (const output of [JSON.stringify(shown), human.stdout]) {
      for (const secret of secrets(vaults.first)) expect(output).not.toContain(secret)
      expect(output).not.toMatch(/salt|envelope|digest|ciphertext|proof/i)
    }

    expect(await status(withoutVault)).toEqual({
      loginId: withoutVault,
      accountId: vaults.withoutVault,
      product,
      state: "not-activated",
      itemCount: 0,
      devices: [],
    })
    expectOneLine(await cli(["vault", "status", "nobody_here"], env), 1, "no account")
    // The Password Manager's vault is another vault of the same account: none activated here.
    const pm = await cli(["vault", "status", first, "--product", "password-manager", "--json"], env)
    expect(JSON.parse(pm.stdout)).toMatchObject({ product: "password-manager", state: "not-activated" })
    expect((await cli(["vault", "status", first, "--product", "cloud-app-security"], env)).status).toBe(2)
  })

  it("reset refuses without a reason or a matching confirmation, and changes nothing", async () => {
    const reset = (...extra: Array<string>) => cli(["vault", "reset", first, ...extra], env)
    expect((await reset("--confirm", first)).status).toBe(2)
    expectOneLine(await reset("--reason", "  ", "--confirm", first), 2, "--reason")
    // The test's stdin is a pipe: no one to ask, so --confirm is required.
    expectOneLine(await reset("--reason", "lost key"), 2, `--confirm ${first}`)
    expectOneLine(await reset("--reason", "lost key", "--confirm", second), 2, "does not match")
    expectOneLine(await reset("--reason", "lost key", "--confirm", ""), 2, "does not match")
    expect(await status(first)).toMatchObject({ state: "active", itemCount: 2 })
    expect((await streamEvents(vaultStreamId(vaults.first.accountId, product))).at(-1).type).toBe(
      "VaultItemAdded",
    )
  })

  it("reset of an account without a vault, or of no account, is a failed check", async () => {
    expectOneLine(
      await cli(["vault", "reset", withoutVault, "--reason", "lost key", "--confirm", withoutVault], env),
      1,
      "no id-protection vault",
    )
    expect(await status(withoutVault)).toMatchObject({ state: "not-activated" })
    expectOneLine(
      await cli(["vault", "reset", "nobody_here", "--reason", "lost key", "--confirm", "nobody_here"], env),
      1,
      "no account",
    )
  })

  it("reset erases the vault, records the operator and the reason, and the chain still verifies", async () => {
    const { accountId, vaultId, items } = vaults.first
    const reset = await cli(
      [
        "vault",
        "reset",
        accountId,
        "--reason",
        " lost the kit, ticket 4711 ",
        "--confirm",
        first.toLowerCase(),
      ],
      env,
    )
    expect(reset.status).toBe(0)
    // Two items saved twice, and the vault's activation, key and two items added.
    expect(reset.stdout).toMatch(
      new RegExp(`^${first}: id-protection vault reset at \\S+; erased 8 events in 3 streams\\n$`),
    )
    expect(await status(first)).toEqual({
      loginId: first,
      accountId,
      product,
      state: "reset",
      vaultId,
      resetAt: expect.any(String),
      itemCount: 0,
      devices: [],
    })

    const verified = await cli(["audit", "verify", "--json"], env)
    expect(verified.status).toBe(0)
    expect(JSON.parse(verified.stdout)._tag).toBe("Intact")

    const vaultEvents = await streamEvents(vaultStreamId(accountId, product))
    const last = vaultEvents.at(-1)
    expect(last).toMatchObject({
      type: "VaultReset",
      data: { vaultId, by: { kind: "operator", id: "support-1" }, reason: "lost the kit, ticket 4711" },
      metadata: { actor: { kind: "operator", id: "support-1" } },
    })
    expect(vaultEvents.slice(0, -1).map((e) => e.data)).toEqual([null, null, null, null])
    for (const itemId of items) {
      const saves = await streamEvents(vaultItemStreamId(accountId, vaultId, itemId))
      expect(saves.map((e) => e.data)).toEqual([null, null])
    }
    // The other vault has the same envelope, so only this account's vault streams are read.
    const vaultStreams = (await cli(["events", "tail", "--json", "--limit", "1000"], env)).stdout
      .split("\n")
      .filter(
        (line) =>
          line.includes(`"streamId":"vault-${accountId}`) || line.includes(`"vault-item-${accountId}`),
      )
      .join("\n")
    expect(vaultStreams).toContain("VaultReset")
    for (const secret of secrets(vaults.first)) expect(vaultStreams).not.toContain(secret)

    // Nothing left to reset or to erase: a failed check, and nothing more is written.
    const head = JSON.parse(verified.stdout).events
    expectOneLine(
      await cli(["vault", "reset", first, "--reason", "again", "--confirm", first], env),
      1,
      "already reset",
    )
    expect(JSON.parse((await cli(["audit", "verify", "--json"], env)).stdout).events).toBe(head)
  })

  it("reset --json answers the reset time and what was erased; every address is told", async () => {
    const reset = await cli(
      ["vault", "reset", second, "--reason", "lost key", "--confirm", second, "--json"],
      env,
    )
    expect(reset.status).toBe(0)
    const answer = JSON.parse(reset.stdout)
    expect(answer).toEqual({
      loginId: second,
      product,
      resetAt: expect.any(String),
      erased: { events: 8, streams: 3 },
      finished: false,
    })
    expect((await status(second)).resetAt).toBe(answer.resetAt)
    expect((await cli(["jobs", "drain"], env)).status).toBe(0)
    const mails = JSON.parse((await cli(["mail", "list", "--json"], env)).stdout) as Array<{
      to: string
      subject: string
    }>
    const resetMails = mails.filter((m) => m.subject.includes("保管庫がリセットされました"))
    const { account } = JSON.parse((await cli(["accounts", "show", second, "--json"], env)).stdout)
    expect(resetMails.map((m) => m.to)).toContainEqual(expect.stringContaining(account.user.email))
  })

  it("at a terminal, reset asks for the login ID: a wrong one changes nothing, the right one resets", async () => {
    const args = ["vault", "reset", third, "--reason", "lost key"]
    const prompt = "Type the login ID to confirm"
    const wrong = await cliAtTerminal(args, env, prompt, first)
    expect(wrong.status).toBe(2)
    expect(wrong.output).toContain("does not match")
    expect(await status(third)).toMatchObject({ state: "active", itemCount: 2 })

    const right = await cliAtTerminal(args, env, prompt, third)
    expect(right.status).toBe(0)
    expect(right.output).toContain(`${third}: id-protection vault reset at`)
    expect(await status(third)).toMatchObject({ state: "reset", itemCount: 0 })
  })

  it("reset of a vault whose erasure was cut short finishes the erasure, without asking again", async () => {
    const { accountId, items } = vaults.cutShort
    const before = await status(accountId)
    expect(before).toMatchObject({ state: "reset", itemCount: 0 })
    const finished = await cli(["vault", "reset", accountId, "--reason", "finish it", "--json"], env)
    expect(finished.status).toBe(0)
    expect(JSON.parse(finished.stdout)).toEqual({
      loginId: before.loginId,
      product,
      resetAt: before.resetAt,
      // The activation, the key and two items added; one save of each item.
      erased: { events: 6, streams: 3 },
      finished: true,
    })
    const vaultEvents = await streamEvents(vaultStreamId(accountId, product))
    expect(vaultEvents.map((e) => e.type)).toEqual([
      "VaultActivated",
      "VaultKeyWrapped",
      "VaultItemAdded",
      "VaultItemAdded",
      "VaultReset",
    ])
    // Still the one reset: no second VaultReset, and the first one's reason stays.
    expect(vaultEvents.at(-1).data.reason).toBe("cut short")
    for (const itemId of items) {
      const saves = await streamEvents(vaultItemStreamId(accountId, vaults.cutShort.vaultId, itemId))
      expect(saves.map((e) => e.data)).toEqual([null])
    }
    expect((await cli(["audit", "verify"], env)).status).toBe(0)
    expectOneLine(
      await cli(["vault", "reset", accountId, "--reason", "again", "--confirm", before.loginId], env),
      1,
      "already reset",
    )
  })
})
