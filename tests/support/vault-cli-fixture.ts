// CLI vault tests' fixture: the contract tests' vault app (tests/support/vault-app.ts) over the
// SQLite file of a CLI data folder, so the binary reads the vaults the application layer made.
import { join } from "node:path"
import { Effect, TestClock } from "effect"
import { runCommand } from "../../application/event-log/command-runner.js"
import { instantFromMillis } from "../../domain/kernel/index.js"
import { vault, vaultStreamId } from "../../domain/vault/vault.js"
import type { StoreTarget } from "./stores.js"
import { operator, vaultApp } from "./vault-app.js"
import { product } from "./vault-inputs.js"

const dataDirDatabase = (dataDir: string): StoreTarget => ({
  name: "sqlite (CLI data folder)",
  // The folder is the test's: closing the app leaves the database for the binary.
  fresh: async () => ({ url: `sqlite:${join(dataDir, "portcullis.db")}`, dispose: async () => undefined }),
})

/**
 * In the data folder's database: three accounts whose vaults are active with two items each (saved
 * twice, so a reset has superseded saves to sweep too), one whose reset was recorded but whose
 * erasure a crash cut short (the `VaultReset` alone, through the decider), and one without a vault.
 */
export const accountsWithAndWithoutVault = async (dataDir: string) => {
  const app = await vaultApp(dataDirDatabase(dataDir))
  try {
    const first = await app.run(app.filledVault(2))
    const second = await app.run(app.filledVault(2))
    const third = await app.run(app.filledVault(2))
    const cutShort = await app.run(
      Effect.gen(function* () {
        const filled = yield* app.filledVault(1)
        const at = instantFromMillis(yield* TestClock.currentTimeMillis)
        yield* runCommand(
          vault,
          vaultStreamId(filled.accountId, product),
          { _tag: "Reset", by: operator.actor, reason: "cut short", at },
          { metadata: operator },
        )
        return filled
      }),
    )
    const withoutVault = await app.run(app.register)
    return { first, second, third, cutShort, withoutVault }
  } finally {
    await app.close()
  }
}
