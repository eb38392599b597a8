import { Data } from "effect"

/**
 * How a command ends badly, with the exit code scripts rely on:
 * 1 a check failed (broken chain, drift, nothing found), 2 bad usage or configuration, 3 database.
 */
export class CliFailure extends Data.TaggedError("CliFailure")<{
  readonly reason: string
  readonly exitCode: number
}> {
  override get message() {
    return this.reason
  }
}

export const checkFailed = (reason: string) => new CliFailure({ reason, exitCode: 1 })
export const usageError = (reason: string) => new CliFailure({ reason, exitCode: 2 })
