import { SingleBar } from "cli-progress"
import { Console, Effect } from "effect"
import type { Progress } from "../../application/audit/audit-log.js"

/** `--json` prints the value for scripts; otherwise the human rendering. */
export const emit = <A>(json: boolean, value: A, human: (value: A) => string) =>
  Console.log(json ? JSON.stringify(value, null, 2) : human(value))

/**
 * A progress bar on stderr for anything that may take more than a second, shown only to a person
 * at a terminal (never in --json output or in a pipe). With `unit`, a batch job's bar: its pace and
 * what is left (`120/5000 licences · 412/s · ETA 12s`).
 */
export const withProgress = <A, E, R>(
  label: string,
  enabled: boolean,
  work: (progress: Progress | undefined) => Effect.Effect<A, E, R>,
  options: { readonly unit?: string } = {},
): Effect.Effect<A, E, R> => {
  if (!enabled || !process.stderr.isTTY) return work(undefined)
  const pace = options.unit === undefined ? "" : ` ${options.unit} · {rate}/s · ETA {eta_formatted}`
  return Effect.acquireUseRelease(
    Effect.sync(() => {
      const bar = new SingleBar({
        format: `${label} [{bar}] {percentage}% {value}/{total}${pace}`,
        stream: process.stderr,
        hideCursor: true,
        etaBuffer: 50,
      })
      bar.start(0, 0, { rate: "0" })
      return { bar, started: Date.now() }
    }),
    ({ bar, started }) =>
      work((done, total) => {
        const seconds = (Date.now() - started) / 1000
        bar.setTotal(total)
        bar.update(done, { rate: seconds > 0 ? Math.round(done / seconds).toString() : "0" })
      }),
    ({ bar }) => Effect.sync(() => bar.stop()),
  )
}
