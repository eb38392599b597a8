import { entitlementsBenchmark } from "./entitlements.js"
import { type BenchOptions, eventStoreBenchmark } from "./event-store.js"
import { httpBenchmark } from "./http.js"
import { formatBreakdown, formatResults, passes } from "./report.js"
import { switchBenchmark } from "./switch.js"
import { vaultBenchmark } from "./vault.js"

// Benchmarks measure, they do not judge: the exit code is 0 whatever the ratios say.
// --quick: short runs, rough figures. --only <name>: that benchmark alone.
const quick = process.argv.includes("--quick")
const onlyAt = process.argv.indexOf("--only")
const only = onlyAt === -1 ? undefined : (process.argv[onlyAt + 1] ?? "")
const log = (line: string) => process.stderr.write(`${line}\n`)
const print = (text: string) => process.stdout.write(`${text}\n`)

interface Benchmark {
  readonly name: string
  /** Measures, logging progress to stderr; answers the report to print. */
  readonly run: (options: BenchOptions) => Promise<string>
}

const eventStore = async (options: BenchOptions): Promise<string> => {
  const rows = await eventStoreBenchmark(options)
  const failed = rows.filter((row) => !passes(row)).length
  return [
    "\nevent-store: the store against the bare driver, events per second\n",
    formatResults(rows),
    failed === 0
      ? "\nEvery ratio meets its target."
      : `\n${failed} of ${rows.length} ratios below target (FAIL); the exit code stays 0.`,
    "\nWhere the time goes: the store's own SQL on its own tables, run by the bare driver\n",
    formatBreakdown(rows),
  ].join("\n")
}

const benchmarks: ReadonlyArray<Benchmark> = [
  { name: "event-store", run: eventStore },
  { name: "http", run: httpBenchmark },
  { name: "vault", run: vaultBenchmark },
  { name: "entitlements", run: entitlementsBenchmark },
  { name: "switch", run: switchBenchmark },
]

const selected = only === undefined ? benchmarks : benchmarks.filter((b) => b.name === only)
if (selected.length === 0) {
  log(`--only needs one of: ${benchmarks.map((b) => b.name).join(", ")}`)
  process.exitCode = 2
}

for (const benchmark of selected) {
  log(`${benchmark.name}${quick ? " (quick: short runs, rough figures)" : ""}`)
  print(await benchmark.run({ quick, log }))
}
