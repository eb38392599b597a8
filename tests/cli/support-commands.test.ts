import { beforeAll, describe, expect, it } from "vitest"
import { cli, tempDataDir } from "../support/cli.js"
import { sampleContractor, sampleUser } from "../support/sample-account.js"
import {
  accountId,
  enableTwoFactor,
  expectOneLine,
  issueArgs,
  type ListedLicense,
  lastGroup,
  loginId,
  registerAccountWithKey,
} from "../support/support-fixture.js"

describe("support commands: accounts and licenses", () => {
  let env: Record<string, string>
  let keys: Array<string>
  /** Licence id by key. */
  const ids = new Map<string, string>()
  let registeredKey: string
  let unregisteredKey: string

  beforeAll(async () => {
    env = { DATA_DIR: tempDataDir(), PORTCULLIS_OPERATOR: "support-1" }
    expect((await cli(["catalog", "seed"], env)).status).toBe(0)
    const issued = await cli(issueArgs("--seats", "5", "--count", "3", "--json"), env)
    expect(issued.status).toBe(0)
    keys = JSON.parse(issued.stdout).keys
    const listed = JSON.parse((await cli(["licenses", "list", "--json"], env)).stdout)
      .licenses as Array<ListedLicense>
    for (const key of keys) {
      const found = listed.find((l) => lastGroup(l.maskedKey) === lastGroup(key))
      ids.set(key, found!.id)
    }
    registeredKey = keys[0]!
    unregisteredKey = keys[1]!
    await registerAccountWithKey(env.DATA_DIR!, ids.get(registeredKey)!)
  })

  it("licenses list shows every licence with its owner, its key masked but for the last group", async () => {
    const human = await cli(["licenses", "list"], env)
    expect(human.status).toBe(0)
    const asJson = await cli(["licenses", "list", "--json"], env)
    expect(asJson.status).toBe(0)
    for (const key of keys) {
      expect(human.stdout).not.toContain(key)
      expect(asJson.stdout).not.toContain(key)
      expect(human.stdout).toContain(`XX-XXXX-XXXX-XXXX-${lastGroup(key)}`)
    }
    expect(human.stdout).toContain("unregistered")
    expect(human.stdout).toContain(loginId)
    const licenses = JSON.parse(asJson.stdout).licenses as Array<ListedLicense>
    expect(licenses).toHaveLength(3)
    for (const l of licenses) {
      expect(l.maskedKey).toMatch(/^XX-XXXX-XXXX-XXXX-[2-9A-Z]{4}$/)
      expect(l.id).toMatch(/^[0-9a-f]{64}$/)
    }
    expect(licenses.find((l) => l.id === ids.get(registeredKey))).toMatchObject({
      status: "active",
      seats: 5,
      licenseType: "full",
      expiresOn: "2099-03-31",
      owner: { accountId, loginId },
    })
    expect(licenses.find((l) => l.id === ids.get(unregisteredKey))).toMatchObject({
      status: "unregistered",
      owner: null,
      registeredAt: null,
    })

    // --account takes a login ID in any case, or an account id; --limit bounds the list.
    for (const name of [loginId.toLowerCase(), accountId]) {
      const mine = JSON.parse((await cli(["licenses", "list", "--account", name, "--json"], env)).stdout)
      expect(mine.licenses.map((l: ListedLicense) => l.id)).toEqual([ids.get(registeredKey)])
    }
    expect(
      JSON.parse((await cli(["licenses", "list", "--limit", "2", "--json"], env)).stdout).licenses,
    ).toHaveLength(2)
    expect((await cli(["licenses", "list", "--limit", "0"], env)).status).toBe(2)
    expectOneLine(await cli(["licenses", "list", "--account", "nobody"], env), 1, "no account")
  })

  it("licenses show finds a licence by its key as typed or by its id; refuses unknown and mistyped keys", async () => {
    const typed = registeredKey.toLowerCase().replace(/-/g, " ")
    const byKey = await cli(["licenses", "show", typed, "--json"], env)
    expect(byKey.status).toBe(0)
    const byId = await cli(["licenses", "show", ids.get(registeredKey)!.toUpperCase(), "--json"], env)
    expect(byId.status).toBe(0)
    expect(JSON.parse(byId.stdout)).toEqual(JSON.parse(byKey.stdout))
    expect(JSON.parse(byKey.stdout)).toMatchObject({
      id: ids.get(registeredKey),
      maskedKey: `XX-XXXX-XXXX-XXXX-${lastGroup(registeredKey)}`,
      kind: "rk",
      productId: "cloud-app-security",
      packageId: "standard",
      status: "active",
      owner: { accountId, loginId },
    })
    expect(byKey.stdout).not.toContain(registeredKey)
    const human = await cli(["licenses", "show", unregisteredKey], env)
    expect(human.status).toBe(0)
    expect(human.stdout).toContain("unregistered")
    expect(human.stdout).not.toContain(unregisteredKey)

    // The last character is the check character: changing it makes a mistyped key.
    const last = registeredKey.at(-1) === "2" ? "3" : "2"
    expectOneLine(await cli(["licenses", "show", `${registeredKey.slice(0, -1)}${last}`], env), 1, "mistyped")
    expectOneLine(await cli(["licenses", "show", "not-a-key"], env), 1, "not a product key")
    expectOneLine(await cli(["licenses", "show", "0".repeat(64)], env), 1, "no licence has this key or id")
  })

  it("accounts list and show, with the account's licences and never its password hash", async () => {
    const listed = await cli(["accounts", "list", "--json"], env)
    expect(listed.status).toBe(0)
    expect(JSON.parse(listed.stdout).accounts).toEqual([
      expect.objectContaining({
        accountId,
        loginId,
        email: sampleUser.email,
        companyName: sampleContractor.companyName,
        language: "ja",
      }),
    ])
    const human = await cli(["accounts", "list", "--search", "SUPPORT"], env)
    expect(human.status).toBe(0)
    expect(human.stdout).toContain(loginId)
    expect(human.stdout).toContain(sampleContractor.companyName)
    expect(
      JSON.parse((await cli(["accounts", "list", "--search", "nomatch", "--json"], env)).stdout),
    ).toEqual({ accounts: [], total: 0, hasMore: false, next: null })
    // `_` and `%` are matched as themselves, not as LIKE wildcards.
    expect((await cli(["accounts", "list", "--search", "support_t"], env)).stdout).toContain(loginId)
    expect(
      JSON.parse((await cli(["accounts", "list", "--search", "support%t", "--json"], env)).stdout).accounts,
    ).toEqual([])

    for (const name of [loginId.toUpperCase(), accountId]) {
      const shown = await cli(["accounts", "show", name, "--json"], env)
      expect(shown.status).toBe(0)
      expect(shown.stdout).not.toContain("passwordHash")
      expect(shown.stdout).not.toContain("argon2")
      const body = JSON.parse(shown.stdout)
      expect(body.account).toMatchObject({
        accountId,
        loginId,
        user: { email: sampleUser.email },
        timeZone: "Asia/Tokyo",
      })
      expect(body.account.registeredAt).toEqual(expect.any(String))
      expect(body.licenses).toEqual([
        expect.objectContaining({
          id: ids.get(registeredKey),
          maskedKey: `XX-XXXX-XXXX-XXXX-${lastGroup(registeredKey)}`,
          status: "active",
        }),
      ])
    }
    const human2 = await cli(["accounts", "show", loginId], env)
    expect(human2.status).toBe(0)
    expect(human2.stdout).toContain(`XX-XXXX-XXXX-XXXX-${lastGroup(registeredKey)}`)
    expect(human2.stdout).not.toContain(registeredKey)
    expectOneLine(await cli(["accounts", "show", "nobody_here"], env), 1, "no account")
  })

  it("licenses renew sets a new expiry day, registered or not; a date that does not exist is bad usage", async () => {
    expect((await cli(["licenses", "renew", unregisteredKey, "--expires", "2026-02-30"], env)).status).toBe(2)
    expect((await cli(["licenses", "renew", unregisteredKey], env)).status).toBe(2)

    const renewed = await cli(
      ["licenses", "renew", unregisteredKey, "--expires", "2100-01-31", "--json"],
      env,
    )
    expect(renewed.status).toBe(0)
    expect(JSON.parse(renewed.stdout)).toEqual({
      id: ids.get(unregisteredKey),
      changed: true,
      registered: false,
      accountId: null,
      suspended: false,
      productId: "cloud-app-security",
      packageId: "standard",
      seats: 5,
      licenseType: "full",
      expiresOn: "2100-01-31",
    })
    const again = await cli(
      ["licenses", "renew", ids.get(unregisteredKey)!, "--expires", "2100-01-31", "--json"],
      env,
    )
    expect(JSON.parse(again.stdout)).toMatchObject({ changed: false, expiresOn: "2100-01-31" })
    const shown = JSON.parse((await cli(["licenses", "show", unregisteredKey, "--json"], env)).stdout)
    expect(shown).toMatchObject({ expiresOn: "2100-01-31", status: "unregistered" })

    // Recorded with the operator as actor.
    const events = await cli(
      ["events", "tail", "--json", "--stream", `license-${ids.get(unregisteredKey)}`],
      env,
    )
    const last = JSON.parse(events.stdout.trim().split("\n").at(-1)!)
    expect(last).toMatchObject({
      type: "LicenseRenewed",
      metadata: { actor: { kind: "operator", id: "support-1" } },
    })
  })

  it("licenses channel and cancellation record how a licence was bought and when its contract was cancelled", async () => {
    const id = ids.get(registeredKey)!
    const changed = await cli(["licenses", "channel", id, "--channel", "google-play", "--json"], env)
    expect(changed.status).toBe(0)
    expect(JSON.parse(changed.stdout)).toMatchObject({ id, changed: true })
    const again = await cli(["licenses", "channel", registeredKey, "--channel", "google-play"], env)
    expect(again.stdout).toContain("unchanged")
    expect(JSON.parse((await cli(["licenses", "show", id, "--json"], env)).stdout).channel).toBe(
      "google-play",
    )
    expect((await cli(["licenses", "channel", id, "--channel", "fax"], env)).status).toBe(2)

    const cancelled = await cli(["licenses", "cancellation", id, "--on", "2025-06-04"], env)
    expect(cancelled.status).toBe(0)
    expect(cancelled.stdout).toContain("cancellation on 2025-06-04 recorded")
    // Still valid to its last day.
    expect(JSON.parse((await cli(["licenses", "show", id, "--json"], env)).stdout).status).toBe("active")
    expectOneLine(
      await cli(["licenses", "cancellation", unregisteredKey, "--on", "2025-06-04"], env),
      1,
      "not registered",
    )
    expectOneLine(
      await cli(["licenses", "cancellation", id, "--on", "4 June"], env),
      2,
      "--on must be a date",
    )
    const events = await cli(["events", "tail", "--stream", `license-${id}`, "--json"], env)
    const recorded = events.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line))
    expect(recorded.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(["LicenseChannelChanged", "LicenseCancellationRecorded"]),
    )
    expect(events.stdout).toContain("support-1")
    // Back as it was for the other tests.
    expect((await cli(["licenses", "channel", id, "--channel", "direct"], env)).status).toBe(0)
  })

  it("licenses suspend and reinstate a registered licence; an unregistered key is refused", async () => {
    expectOneLine(
      await cli(["licenses", "suspend", unregisteredKey, "--reason", "chargeback"], env),
      1,
      "not registered",
    )
    expectOneLine(await cli(["licenses", "reinstate", unregisteredKey], env), 1, "not registered")
    expectOneLine(
      await cli(["licenses", "suspend", "0".repeat(64), "--reason", "chargeback"], env),
      1,
      "no licence has this key or id",
    )
    expect((await cli(["licenses", "suspend", registeredKey], env)).status).toBe(2)
    expect((await cli(["licenses", "suspend", registeredKey, "--reason", "  "], env)).status).toBe(2)

    const id = ids.get(registeredKey)!
    const suspended = await cli(["licenses", "suspend", id, "--reason", "chargeback", "--json"], env)
    expect(suspended.status).toBe(0)
    expect(JSON.parse(suspended.stdout)).toMatchObject({
      id,
      changed: true,
      registered: true,
      accountId,
      suspended: true,
    })
    const twice = await cli(["licenses", "suspend", registeredKey, "--reason", "chargeback", "--json"], env)
    expect(JSON.parse(twice.stdout)).toMatchObject({ changed: false, suspended: true })
    expect(JSON.parse((await cli(["licenses", "show", id, "--json"], env)).stdout).status).toBe("suspended")
    const owned = JSON.parse((await cli(["accounts", "show", loginId, "--json"], env)).stdout)
    expect(owned.licenses[0].status).toBe("suspended")

    const reinstated = await cli(["licenses", "reinstate", registeredKey], env)
    expect(reinstated.status).toBe(0)
    expect(reinstated.stdout).toContain(`reinstated ${id}`)
    const again = await cli(["licenses", "reinstate", id, "--json"], env)
    expect(JSON.parse(again.stdout)).toMatchObject({ changed: false, suspended: false })
    expect(JSON.parse((await cli(["licenses", "show", id, "--json"], env)).stdout).status).toBe("active")
  })

  it("2fa status and disable: support turns a lost device's 2FA off, recorded with the operator", async () => {
    await enableTwoFactor(env.DATA_DIR!)
    const before = JSON.parse((await cli(["2fa", "status", loginId, "--json"], env)).stdout)
    expect(before).toMatchObject({
      loginId,
      status: "enabled",
      method: "authenticator-app",
      recoveryCodesLeft: 0,
    })
    expect((await cli(["2fa", "status", "nobody_here"], env)).status).toBe(1)
    expect((await cli(["2fa", "disable", loginId, "--reason", " "], env)).status).toBe(2)

    const disabled = await cli(
      ["2fa", "disable", loginId, "--reason", "identity checked by phone, ticket 4711"],
      env,
    )
    expect(disabled.status).toBe(0)
    expect(disabled.stdout).toContain(`${loginId}: two-factor authentication disabled`)
    expect(JSON.parse((await cli(["2fa", "status", loginId, "--json"], env)).stdout).status).toBe("disabled")
    expectOneLine(await cli(["2fa", "disable", loginId, "--reason", "again"], env), 1, "not on")

    const events = (
      await cli(["events", "tail", "--json", "--stream", `two-factor-${accountId}`], env)
    ).stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line))
    const off = events.find((e) => e.type === "TwoFactorDisabled")
    expect(off.data).toMatchObject({
      by: { kind: "operator", id: "support-1" },
      reason: "identity checked by phone, ticket 4711",
    })
    expect(off.metadata.actor).toEqual({ kind: "operator", id: "support-1" })
    // The secret went with it.
    expect(events.find((e) => e.type === "TwoFactorEnrollmentStarted").data).toBeNull()
  })
})
