import { afterAll, beforeAll } from "vitest"
import { postgres } from "../support/stores.js"
import { customerApp } from "./customer-app.js"

type App = Awaited<ReturnType<typeof customerApp>>
type Options = Parameters<typeof customerApp>[0]

/** The stores an HTTP test runs on: the embedded default and the multi-instance one. */
export const stores = [
  { name: "SQLite", postgres: false },
  { name: "PostgreSQL", postgres: true },
] as const

export type Store = (typeof stores)[number]

/**
 * A customer app on `store` for the test file's `describe`: opened before its tests (on a fresh
 * PostgreSQL database for that store), closed after them. `options` is read when it opens.
 */
export const customerAppOn = (store: Store, options: () => Options = () => ({})) => {
  let app: App | undefined
  let dispose = async () => {}
  beforeAll(async () => {
    if (!store.postgres) {
      app = await customerApp(options())
      return
    }
    const fresh = await postgres.fresh()
    dispose = fresh.dispose
    app = await customerApp({ ...options(), databaseUrl: fresh.url })
  })
  afterAll(async () => {
    await app?.close()
    await dispose()
  })
  return () => app!
}
