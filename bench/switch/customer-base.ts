import { Effect, Either } from "effect"
import { EventStore, type StreamWrite } from "../../application/event-log/event-store.js"
import { account, accountStreamId } from "../../domain/accounts/account.js"
import { ExpectedVersion, instantFromMillis } from "../../domain/kernel/index.js"
import { type LicenseCommand, license, licenseStreamId } from "../../domain/licensing/license.js"
import type { LicenseEvent, SalesChannel } from "../../domain/licensing/license-events.js"

// A generated customer base for the switch benchmark (a bench fixture, not a command customers
// see): personal accounts each holding one registered Password Manager licence, the channels mixed
// as a consumer product's would be, some contracts cancelled by the cut-off. Written straight as the
// deciders' events, many streams to an append, so that building it is not what takes the time.

const operator = { actor: { kind: "operator" as const, id: "bench-fixture" } }
const at = instantFromMillis(Date.UTC(2025, 4, 20))
// One Argon2id hash for every account: no one signs in here, and hashing 100,000 would be the bench.
const passwordHash =
  "$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hzYWx0YmVuY2g$0mCj6B0qf0Jq3bq6h3Vv1e0mQZqk8o3a7kQ2l5bq2xY"

const channelOf = (i: number): SalesChannel => {
  const slot = i % 100
  if (slot < 72) return "direct"
  if (slot < 82) return "monthly-provider"
  if (slot < 90) return "app-store"
  if (slot < 95) return "google-play"
  return "free"
}

const decided = <E>(result: Either.Either<ReadonlyArray<E>, unknown>): ReadonlyArray<E> =>
  Either.getOrThrowWith(result, (refusal) => new Error(`fixture event refused: ${JSON.stringify(refusal)}`))

const writesFor = (i: number): ReadonlyArray<StreamWrite> => {
  const accountId = `01900000-bench-7000-8000-${String(i).padStart(12, "0")}`
  const registration = {
    accountId,
    email: `bench${i}@example.jp`,
    passwordHash,
    language: i % 10 === 0 ? ("en" as const) : ("ja" as const),
    timeZone: "Asia/Tokyo",
  }
  const accountEvents = decided(
    account.decider.decide({ _tag: "RegisterPersonal", registration, at }, account.decider.initialState),
  )
  const keyHash = `${i.toString(16).padStart(8, "0")}${"b".repeat(56)}`
  const key = {
    keyHash,
    sealedKey: "v1.bench.bench.bench",
    kind: "ac" as const,
    productId: "password-manager",
    packageId: "annual",
    seats: 1,
    licenseType: "full" as const,
    expiresOn: "2099-05-31",
    channel: channelOf(i),
    batchId: "bench",
  }
  let state = license.decider.initialState
  const licenceEvents: Array<LicenseEvent> = []
  const commands: ReadonlyArray<LicenseCommand> = [
    { _tag: "IssueKey", key, at },
    { _tag: "Register", accountId, today: "2025-05-20", at },
    ...(i % 50 === 7 ? [{ _tag: "RecordCancellation" as const, cancelledOn: "2025-06-01", at }] : []),
  ]
  for (const command of commands) {
    for (const event of decided(license.decider.decide(command, state))) {
      licenceEvents.push(event)
      state = license.decider.evolve(state, event)
    }
  }
  return [
    {
      streamId: accountStreamId(accountId),
      events: accountEvents.map(account.codec.encode),
      expected: ExpectedVersion.noStream,
    },
    {
      streamId: licenseStreamId(keyHash),
      events: licenceEvents.map(license.codec.encode),
      expected: ExpectedVersion.noStream,
    },
  ]
}

/** Writes `count` accounts with their licences, `perAppend` accounts to an append. */
export const seedCustomerBase = (count: number, perAppend: number, log: (line: string) => void) =>
  Effect.gen(function* () {
    const store = yield* EventStore
    for (let from = 0; from < count; from += perAppend) {
      const writes: Array<StreamWrite> = []
      for (let i = from; i < Math.min(count, from + perAppend); i++) writes.push(...writesFor(i))
      yield* store.appendMany(writes, { metadata: operator })
      if ((from / perAppend) % 20 === 0) log(`    ${from.toLocaleString("en-US")} accounts written`)
    }
  })
