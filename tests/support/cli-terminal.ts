import { spawn } from "node:child_process"
import { baseEnv, bin } from "./cli.js"

const quoted = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`

/**
 * Runs `portcullis` at a terminal (a pseudo-terminal from util-linux's `script`), and once its
 * output shows `prompt`, types `answer` and Enter, as an operator would. Output is the terminal's:
 * stdout and stderr together.
 */
export const cliAtTerminal = (
  args: ReadonlyArray<string>,
  env: Record<string, string>,
  prompt: string,
  answer: string,
): Promise<{ readonly status: number | null; readonly output: string }> =>
  new Promise((resolvePromise) => {
    const command = [process.execPath, bin, ...args].map(quoted).join(" ")
    // -e: script exits with the command's code; the typescript file is not wanted.
    const child = spawn("/usr/bin/script", ["-qec", command, "/dev/null"], { env: { ...baseEnv(), ...env } })
    let output = ""
    let answered = false
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString()
      if (!answered && output.includes(prompt)) {
        answered = true
        child.stdin.write(`${answer}\r`)
      }
    })
    child.on("exit", (status) => resolvePromise({ status, output }))
  })
