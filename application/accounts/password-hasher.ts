import { Context, type Effect } from "effect"

/** Password hashing (Argon2id); the work runs off the event loop, so logins never stall other requests. */
export interface PasswordHasherApi {
  /** A PHC string carrying algorithm, parameters and salt. */
  readonly hash: (password: string) => Effect.Effect<string>
  /** False for a wrong password or a hash this hasher cannot read; never fails. */
  readonly verify: (hash: string, password: string) => Effect.Effect<boolean>
}

export class PasswordHasher extends Context.Tag("application/PasswordHasher")<
  PasswordHasher,
  PasswordHasherApi
>() {}
