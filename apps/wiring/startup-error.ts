import { Data } from "effect"
import { directoryProblem } from "../../adapters/fs/make-directory.js"

/** The variable that named the database: DATABASE_URL, or DATA_DIR when the default file is used. */
export type DatabaseVariable = "DATABASE_URL" | "DATA_DIR"

// Errors of the file system (and SQLite's own "cannot open"): the path given cannot be used, which
// the operator fixes in the configuration.
const fileSystemCodes = new Set(["EACCES", "EPERM", "ENOTDIR", "ENOENT", "EROFS", "ENOSPC", "EISDIR"])

/**
 * Why the process could not start, in one line for the operator, with the exit code scripts see:
 * 2 for configuration, 3 for a database that cannot be used. Every line names the variable to fix.
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

  static fromDatabase(cause: unknown, variable: DatabaseVariable, url: string) {
    const error = cause as { name?: string; message?: string; code?: string; path?: string }
    if (error?.name === "InvalidDatabaseUrl") return StartupError.config(`DATABASE_URL: ${error.message}`)
    if (
      error?.name === "DatabaseTooNew" ||
      error?.name === "DatabaseNotMigrated" ||
      error?.name === "DatabaseMissing"
    ) {
      return new StartupError({ reason: `database: ${error.message}`, exitCode: 3 })
    }
    if (fileSystemCodes.has(error?.code ?? "") || error?.code === "SQLITE_CANTOPEN") {
      const where = error.path ?? url.replace(/^sqlite:/, "")
      return StartupError.config(`${variable}: cannot use ${where}: ${directoryProblem(error)}`)
    }
    return new StartupError({
      reason: `database: ${variable}: ${withoutPassword(connectionProblem(error, cause), url)}`,
      exitCode: 3,
    })
  }
}

const connectionProblem = (error: { message?: string; code?: string }, cause: unknown) => {
  switch (error?.code) {
    case "ECONNREFUSED":
      return "connection refused (is the database server running?)"
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "the database host was not found"
    case "ETIMEDOUT":
      return "the connection timed out"
    default:
      return (error?.message ?? String(cause)).split("\n")[0] ?? ""
  }
}

// A driver's message may quote the URL it was given; its password never reaches the terminal.
const withoutPassword = (text: string, url: string) => {
  let password = ""
  try {
    password = decodeURIComponent(new URL(url).password)
  } catch {
    return text
  }
  return password === "" ? text : text.split(password).join("***")
}
