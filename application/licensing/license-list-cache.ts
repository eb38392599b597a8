import { Clock, Context, Effect, Layer, Option } from "effect"
import { AccountNotFound } from "../../domain/accounts/account.js"
import { LicenseDirectory } from "./license-directory.js"

/**
 * The licence list is read on every portal page. Rendered lists are kept per account, in a bounded
 * map in this process, and handed out again while nothing they show can have changed: the account's
 * licences (how many, and the log position of the last change to any of them), the catalogue and
 * the account's time zone, read from the database in one statement on every request (so a change made through
 * another instance is seen at once), and the clock's quarter hour. Statuses change with the
 * calendar day in the account's zone, and every zone's midnight falls on a quarter hour of UTC.
 */
interface Entry {
  readonly version: string
  readonly until: number
  readonly rendered: Uint8Array
}

/** Lists as they are sent: encoded once, not on every request. */
export interface LicenseListCacheApi {
  readonly get: (accountId: string, version: string, now: number) => Uint8Array | undefined
  readonly set: (accountId: string, version: string, now: number, rendered: Uint8Array) => void
}

export class LicenseListCache extends Context.Tag("application/LicenseListCache")<
  LicenseListCache,
  LicenseListCacheApi
>() {}

const quarterHour = 15 * 60_000

export const makeLicenseListCache = (capacity = 2_000): LicenseListCacheApi => {
  const entries = new Map<string, Entry>()
  return {
    get: (accountId, version, now) => {
      const entry = entries.get(accountId)
      return entry !== undefined && entry.version === version && now < entry.until
        ? entry.rendered
        : undefined
    },
    set: (accountId, version, now, rendered) => {
      // Oldest first out: a Map iterates in insertion order, and an update re-inserts.
      entries.delete(accountId)
      if (entries.size >= capacity) entries.delete(entries.keys().next().value!)
      entries.set(accountId, { version, until: (Math.floor(now / quarterHour) + 1) * quarterHour, rendered })
    },
  }
}

export const LicenseListCacheLive = Layer.sync(LicenseListCache, () => makeLicenseListCache())

/** The account's licence list rendered by `render`, from the cache when its version still holds. */
export const cachedLicenseList = <E, R>(
  accountId: string,
  render: (timeZone: string) => Effect.Effect<Uint8Array, E, R>,
) =>
  Effect.gen(function* () {
    const cache = yield* LicenseListCache
    const context = yield* (yield* LicenseDirectory).listContext(accountId)
    if (Option.isNone(context)) return yield* new AccountNotFound()
    const { version, timeZone } = context.value
    const now = yield* Clock.currentTimeMillis
    const kept = cache.get(accountId, version, now)
    if (kept !== undefined) return kept
    const rendered = yield* render(timeZone)
    cache.set(accountId, version, now, rendered)
    return rendered
  })
