import { performance } from "node:perf_hooks"

export interface MeasureOptions {
  /** Steps run first and not counted: JIT, statement caches and the page cache settle. */
  readonly warmupSteps: number
  /** Measured time each contender gets, at least. */
  readonly minSeconds: number
  readonly sliceSeconds: number
}

export interface Measurement {
  readonly events: number
  readonly seconds: number
  readonly perSecond: number
}

/**
 * Runs each contender's `step` (which answers how many events it handled) in alternating time slices
 * until each has had `minSeconds`. fsync latency on a shared virtual disk drifts by several times
 * within seconds; taking turns makes every contender see the same drift, so the ratios hold still.
 */
export const measureInterleaved = async (
  steps: ReadonlyArray<() => Promise<number>>,
  options: MeasureOptions,
): Promise<Array<Measurement>> => {
  for (const step of steps) for (let i = 0; i < options.warmupSteps; i++) await step()
  const totals = steps.map(() => ({ events: 0, ms: 0 }))
  for (let round = 0; totals.some((t) => t.ms < options.minSeconds * 1000); round++) {
    for (let k = 0; k < steps.length; k++) {
      // Rotating who goes first keeps any slice-to-slice effect (a checkpoint, a GC) from always hitting one.
      const index = (round + k) % steps.length
      const step = steps[index]!
      const total = totals[index]!
      const start = performance.now()
      const end = start + options.sliceSeconds * 1000
      let now = start
      while (now < end) {
        total.events += await step()
        now = performance.now()
      }
      total.ms += now - start
    }
  }
  return totals.map((t) => ({ events: t.events, seconds: t.ms / 1000, perSecond: (t.events / t.ms) * 1000 }))
}
