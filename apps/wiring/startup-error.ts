import { Data } from "effect"

/**
 * Why the process could not start, in one line for the operator, with the exit code scripts see:
 * 2 for configuration, 3 for a database that cannot be used.
 */
export class StartupError extends Data.TaggedError("StartupError")<{
  readonly reason: string
  readonly exitCode: number
}> {
  override get message() {
    return this.reason
  }

  static config(reason: string) {
    return new StartupError({ reason: `configuration error: ${reason}`, exitCode: 2 })
  }

  static fromDatabase(cause: unknown) {
    const error = cause as { name?: string; message?: string; code?: string }
    if (error?.name === "InvalidDatabaseUrl") return StartupError.config(`DATABASE_URL: ${error.message}`)
    if (
      error?.name === "DatabaseTooNew" ||
      error?.name === "DatabaseNotMigrated" ||
      error?.name === "DatabaseMissing"
    ) {
      return new StartupError({ reason: `database: ${error.message}`, exitCode: 3 })
    }
    const detail =
      error?.code === "ECONNREFUSED"
        ? "connection refused (is the database server running?)"
        : (error?.message ?? String(cause)).split("\n")[0]
    return new StartupError({ reason: `database: ${detail}`, exitCode: 3 })
  }
}
