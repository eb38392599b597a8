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

export const argon2PasswordHasher: PasswordHasherApi = {
  hash: (password) => Effect.promise(() => hash(password, options)),
  verify: (stored, password) => Effect.promise(() => verify(stored, password).catch(() => false)),
}
