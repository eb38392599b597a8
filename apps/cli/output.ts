import { SingleBar } from "cli-progress"
import { Console, Effect } from "effect"
import type { Progress } from "../../application/audit/audit-log.js"

/** `--json` prints the value for scripts; otherwise the human rendering. */
export const emit = <A>(json: boolean, value: A, human: (value: A) => string) =>
  Console.log(json ? JSON.stringify(value, null, 2) : human(value))

/**
 * A progress bar on stderr for anything that may take more than a second, shown only to a person
 * at a terminal (never in --json output or in a pipe).
 */
export const withProgress = <A, E, R>(
  label: string,
  enabled: boolean,
  work: (progress: Progress | undefined) => Effect.Effect<A, E, R>,
): Effect.Effect<A, E, R> => {
  if (!enabled || !process.stderr.isTTY) return work(undefined)
  return Effect.acquireUseRelease(
    Effect.sync(() => {
      const bar = new SingleBar({
        format: `${label} [{bar}] {percentage}% {value}/{total}`,
        stream: process.stderr,
        hideCursor: true,
      })
      bar.start(0, 0)
      return bar
    }),
    (bar) =>
      work((done, total) => {
        bar.setTotal(total)
        bar.update(done)
      }),
    (bar) => Effect.sync(() => bar.stop()),
  )
}
