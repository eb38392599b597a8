import { accessSync, constants, mkdirSync, statSync } from "node:fs"
import { dirname } from "node:path"

/**
 * Creates a folder and its missing parents, one level at a time. Node's own `recursive: true`
 * loops forever, on one core and deaf to signals, where a parent exists but refuses children
 * (`/proc/x`: ENOENT from mkdir, EEXIST from its parent); here every error ends the walk.
 */
export const makeDirectory = (path: string, mode = 0o700): void => {
  const missing: Array<string> = []
  let at = path
  while (!exists(at)) {
    missing.unshift(at)
    const parent = dirname(at)
    if (parent === at) break
    at = parent
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder, { mode })
    } catch (error) {
      // Another process may have made it meanwhile.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || !statSync(folder).isDirectory()) throw error
    }
  }
  checkIsDirectory(path)
}

const checkIsDirectory = (path: string) => {
  if (!statSync(path).isDirectory())
    throw Object.assign(new Error(`${path} is not a folder`), { code: "ENOTDIR" })
}

/** Throws (ENOTDIR, EACCES) unless this is a folder this process may list, read and write in. */
export const checkDirectoryUsable = (path: string): void => {
  checkIsDirectory(path)
  accessSync(path, constants.R_OK | constants.W_OK | constants.X_OK)
}

const exists = (path: string) => {
  try {
    statSync(path)
    return true
  } catch (error) {
    // ENOTDIR (a file on the way) is not "missing": creating under it fails, and says why.
    return (error as NodeJS.ErrnoException).code !== "ENOENT"
  }
}

/** Why a folder cannot be used, in a few words, for a one-line message (never a stack or errno dump). */
export const directoryProblem = (error: unknown): string => {
  switch ((error as NodeJS.ErrnoException)?.code) {
    case "EACCES":
    case "EPERM":
      return "permission denied"
    case "ENOTDIR":
      return "a part of the path is a file, not a folder"
    case "ENOENT":
      return "its parent folder does not accept new folders"
    case "EROFS":
      return "the file system is read-only"
    case "ENOSPC":
      return "no space left on the device"
    default:
      return String((error as Error)?.message ?? error).split("\n")[0] ?? "unknown error"
  }
}
