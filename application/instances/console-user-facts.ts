import { Effect } from "effect"
import {
  type ConsoleUpgradeState,
  type ConsoleUserFacts,
  consoleUpgrade,
  consoleUpgradeStreamId,
} from "../../domain/instances/console-upgrade.js"
import {
  InstanceNotFound,
  type InstanceState,
  instance,
  instanceStreamId,
  type UserAccount,
} from "../../domain/instances/instance.js"
import { loadAggregate } from "../event-log/command-runner.js"
import { loadAggregates } from "../event-log/decide-step.js"

// What the instance's stream and its users' upgrade streams tell about one console user, for the
// upgrade's commands, and the console-users list with each user's e-mail account once upgraded.

const usersOf = (state: InstanceState): ReadonlyArray<UserAccount> =>
  state._tag === "None" || state._tag === "Provisioning" || state._tag === "Ready" ? [] : state.users

/** Each console user with the state of its upgrade. */
export const usersWithUpgrades = (instanceId: string, state: InstanceState) =>
  Effect.gen(function* () {
    const users = usersOf(state)
    const loaded = yield* loadAggregates(
      consoleUpgrade,
      users.map((user) => consoleUpgradeStreamId(instanceId, user.userName)),
    )
    return users.map((user) => ({
      user,
      upgrade: (loaded.get(consoleUpgradeStreamId(instanceId, user.userName))?.state ?? {
        _tag: "NotStarted",
      }) as ConsoleUpgradeState,
    }))
  })

/** The instance (any account's: the console calls, not a portal session) and what it tells of the user. */
export const consoleUserFacts = (instanceId: string, userName: string) =>
  Effect.gen(function* () {
    const { state } = yield* loadAggregate(instance, instanceStreamId(instanceId))
    if (state._tag === "None") return yield* new InstanceNotFound()
    const all = yield* usersWithUpgrades(instanceId, state)
    const mine = all.find(({ user }) => user.userName === userName)
    const facts: ConsoleUserFacts = {
      instanceUpdated: state._tag === "Switched",
      known: mine !== undefined,
      emailsOfOthers: all.flatMap(({ user, upgrade }) =>
        user.userName !== userName && upgrade._tag === "Upgraded" ? [upgrade.email] : [],
      ),
    }
    return { facts, accountId: state.facts.accountId, user: mine?.user, all }
  })

/** The console's users for the list: each upgraded one with its e-mail user account. */
export const consoleUsersWithAccounts = (instanceId: string, state: InstanceState) =>
  Effect.map(usersWithUpgrades(instanceId, state), (users) =>
    users.map(({ user, upgrade }) =>
      upgrade._tag === "Upgraded" ? { ...user, mustUpgrade: false, email: upgrade.email } : user,
    ),
  )
