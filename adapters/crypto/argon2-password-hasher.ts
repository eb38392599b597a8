import { availableParallelism } from "node:os"
import { hash, verify } from "@node-rs/argon2"
import { Effect } from "effect"
import type { PasswordHasherApi } from "../../application/accounts/password-hasher.js"

// OWASP Password Storage Cheat Sheet: Argon2id, m = 19 MiB, t = 2, p = 1. @node-rs/argon2 runs on
// libuv's thread pool, so a hash (tens of milliseconds) never blocks the event loop.
const options = {
  algorithm: 2 /* Algorithm.Argon2id, a const enum */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const

/**
 * At most `concurrency` hashes run at once (default: one core fewer than the machine has, at least
 * one). libuv's pool has 4 threads whatever the core count: on a 2-core machine four concurrent
 * hashes would leave the event loop, which serves every other request, fighting for a CPU. A wave of
 * logins then waits its turn instead of slowing everyone else down.
 */
export const makeArgon2PasswordHasher = (concurrency = Math.max(1, availableParallelism() - 1)) =>
  Effect.map(
    Effect.makeSemaphore(concurrency),
    (slots): PasswordHasherApi => ({
      hash: (password) => slots.withPermits(1)(Effect.promise(() => hash(password, options))),
      verify: (stored, password) =>
        slots.withPermits(1)(Effect.promise(() => verify(stored, password).catch(() => false))),
    }),
  )
