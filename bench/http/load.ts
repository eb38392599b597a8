import autocannon from "autocannon"

export interface LoadTarget {
  readonly label: string
  readonly url: string
  readonly method?: "GET" | "POST"
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string
}

export interface LoadOptions {
  readonly seconds: number
  readonly connections: number
  readonly log: (line: string) => void
}

export interface LoadResult {
  /** 2xx responses a second: refusals and errors are not throughput. */
  readonly rps: number
  /** Milliseconds, whole (autocannon's histogram floors), 2xx responses only. */
  readonly p50: number
  readonly p99: number
  readonly non2xx: number
  readonly errors: number
}

/**
 * One autocannon run, pipelining 1, in a worker thread of its own: the load generator has its own event
 * loop, not the server's (it still shares the process's CPUs).
 */
export const load = async (target: LoadTarget, options: LoadOptions): Promise<LoadResult> => {
  const instance = autocannon({
    url: target.url,
    method: target.method ?? "GET",
    ...(target.headers === undefined ? {} : { headers: target.headers }),
    ...(target.body === undefined ? {} : { body: target.body }),
    connections: options.connections,
    pipelining: 1,
    duration: options.seconds,
    workers: 1,
  })
  // A worker's own failure is emitted, not thrown; unheard it would crash the process.
  instance.on("error", (error) => options.log(`  ${target.label}: autocannon: ${error.message}`))
  const result = await instance
  const measured: LoadResult = {
    rps: result["2xx"] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  }
  options.log(
    `  ${target.label}: ${Math.round(measured.rps)} req/s, p50 ${measured.p50} ms, p99 ${measured.p99} ms` +
      ` (${result.requests.total} requests in ${result.duration} s)`,
  )
  if (measured.non2xx > 0 || measured.errors > 0) {
    const codes = Object.entries(result.statusCodeStats)
      .filter(([code]) => !code.startsWith("2"))
      .map(([code, { count }]) => `${count} × ${code}`)
      .join(", ")
    options.log(
      `  WARNING ${target.label}: ${measured.non2xx} non-2xx responses${codes ? ` (${codes})` : ""}` +
        ` and ${measured.errors} errors (${result.timeouts} timeouts); req/s counts 2xx only`,
    )
  }
  return measured
}

/**
 * Targets measured in turns, a slice each, round after round: this machine's speed drifts by half
 * within seconds, and taking turns lets every target see the same drift, so their ratio holds still
 * (as the event-store benchmark does). Requests a second over all slices together; p50 is the
 * median of the slices', p99 the worst slice's.
 */
export const inTurns = async <const T extends ReadonlyArray<LoadTarget>>(
  targets: T,
  options: LoadOptions & { readonly rounds: number },
): Promise<{ readonly [K in keyof T]: LoadResult }> => {
  const slices: Array<Array<LoadResult>> = targets.map(() => [])
  const sliceSeconds = options.seconds / options.rounds
  for (let round = 0; round < options.rounds; round++) {
    for (const [index, target] of targets.entries()) {
      slices[index]!.push(await load(target, { ...options, seconds: sliceSeconds }))
    }
  }
  const median = (values: ReadonlyArray<number>) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
  const results = slices.map((runs) => ({
    rps: runs.reduce((sum, r) => sum + r.rps, 0) / runs.length,
    p50: median(runs.map((r) => r.p50)),
    p99: Math.max(...runs.map((r) => r.p99)),
    non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
  }))
  return results as unknown as { readonly [K in keyof T]: LoadResult }
}
