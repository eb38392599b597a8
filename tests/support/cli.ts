import { type ChildProcess, execFile, spawn } from "node:child_process"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"

export const bin = resolve("bin/portcullis.js")

export interface CliResult {
  readonly status: number | null
  readonly stdout: string
  readonly stderr: string
}

// Only what the test names reaches the child: no DATABASE_URL or SMTP_URL leaks in from the shell.
export const baseEnv = () => {
  const { PATH, HOME, LANG } = process.env
  return { PATH, HOME, LANG, LOG_FORMAT: "json" }
}

export interface CliOptions {
  /** Kill the child (SIGKILL: a spinning process may ignore SIGTERM) after this long; status is then null. */
  readonly timeoutMs?: number
  /**
   * Without the capabilities that let root ignore file permissions (when the tests run as root), so
   * they apply to the child. Still root otherwise, so it can read the checkout wherever CI put it.
   */
  readonly unprivileged?: boolean
  /** Text written to the child's stdin (a pipe, never a terminal), then closed. */
  readonly stdin?: string
}

// util-linux's setpriv: the child is exec'd with these capabilities out of its bounding set.
const withoutFileOverrides = ["/usr/bin/setpriv", "--bounding-set", "-dac_override,-dac_read_search"]

/**
 * Runs the built `portcullis` binary, as a user would, with its own environment. Asynchronously:
 * a synchronous spawn blocks the test worker, whose reports to vitest then time out.
 */
export const cli = (
  args: ReadonlyArray<string>,
  env: Record<string, string> = {},
  cliOptions: CliOptions = {},
): Promise<CliResult> =>
  new Promise((resolvePromise) => {
    const options = {
      env: { ...baseEnv(), ...env },
      encoding: "utf8" as const,
      killSignal: "SIGKILL" as const,
      ...(cliOptions.timeoutMs === undefined ? {} : { timeout: cliOptions.timeoutMs }),
    }
    const dropped = cliOptions.unprivileged === true && process.getuid?.() === 0
    const [file, ...prefix] = dropped ? [...withoutFileOverrides, process.execPath] : [process.execPath]
    const child = execFile(file!, [...prefix, bin, ...args], options, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === "number" ? error.code : null) : 0
      resolvePromise({ status, stdout, stderr })
    })
    if (cliOptions.stdin !== undefined) child.stdin?.end(cliOptions.stdin)
  })

export const tempDataDir = () => mkdtempSync(join(tmpdir(), "portcullis-cli-"))

export interface RunningServer {
  readonly port: number
  readonly child: ChildProcess
  readonly output: () => string
  /** Sends SIGTERM and resolves with the exit code. */
  readonly stop: () => Promise<number | null>
}

/** Starts `portcullis serve` on a free port and waits for its "listening" log line. */
export const startServer = (env: Record<string, string>): Promise<RunningServer> =>
  new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bin, "serve"], { env: { ...baseEnv(), PORT: "0", ...env } })
    let output = ""
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)))
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolvePromise({
          port: Number(match[1]),
          child,
          output: () => output,
          stop: async () => {
            child.kill("SIGTERM")
            return exited
          },
        })
      }
    }
    child.stdout.on("data", onData)
    child.stderr.on("data", onData)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code} before listening:\n${output}`))
    })
  })
