// autocannon 9.0.0 ships no types; only what bench/http uses is declared.
declare module "autocannon" {
  interface Options {
    readonly url: string
    readonly method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"
    readonly headers?: Readonly<Record<string, string>>
    readonly body?: string
    readonly connections?: number
    readonly pipelining?: number
    /** Seconds. */
    readonly duration?: number
    /** Worker threads that fire the requests; connections are divided among them. */
    readonly workers?: number
  }

  /** An hdr-histogram summary; latencies in whole milliseconds (the histogram floors). */
  interface Histogram {
    readonly average: number
    readonly mean: number
    readonly stddev: number
    readonly min: number
    readonly max: number
    readonly total: number
    readonly p2_5: number
    readonly p50: number
    readonly p75: number
    readonly p90: number
    readonly p97_5: number
    readonly p99: number
    readonly p99_9: number
    readonly p99_99: number
    readonly p99_999: number
  }

  interface Result {
    /** Completed requests per sample (one a second): `total` is every completed request. */
    readonly requests: Histogram
    /** Latencies of 2xx responses only, in milliseconds. */
    readonly latency: Histogram
    /** Seconds. */
    readonly duration: number
    readonly "2xx": number
    readonly non2xx: number
    /** Connection errors, timeouts included. */
    readonly errors: number
    readonly timeouts: number
    readonly statusCodeStats: Readonly<Record<string, { readonly count: number }>>
  }

  /** A thenable event emitter: await it for the result. */
  interface Instance extends PromiseLike<Result> {
    stop(): void
    on(event: "error", listener: (error: Error) => void): this
  }

  export default function autocannon(options: Options): Instance
}
