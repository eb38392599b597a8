import { userInfo } from "node:os"
import { Effect } from "effect"
import type { EventMetadata } from "../../domain/kernel/index.js"

/**
 * Operator commands are recorded with the operator as actor: PORTCULLIS_OPERATOR when set (a
 * support tool's user), else the OS account that ran the command.
 */
export const operatorMetadata: Effect.Effect<EventMetadata> = Effect.sync(() => ({
  actor: { kind: "operator", id: process.env.PORTCULLIS_OPERATOR ?? safeUserName() },
}))

const safeUserName = () => {
  try {
    return userInfo().username
  } catch {
    return "unknown"
  }
}
