import { eventStoreBenchmark } from "./event-store.js"
import { formatBreakdown, formatResults, passes } from "./report.js"

// Benchmarks measure, they do not judge: the exit code is 0 whatever the ratios say.
const quick = process.argv.includes("--quick")
const log = (line: string) => process.stderr.write(`${line}\n`)
const print = (text: string) => process.stdout.write(`${text}\n`)

const benchmarks = [{ name: "event-store", run: eventStoreBenchmark }]

for (const benchmark of benchmarks) {
  log(`${benchmark.name}${quick ? " (quick: short runs, rough figures)" : ""}`)
  const rows = await benchmark.run({ quick, log })
  const failed = rows.filter((row) => !passes(row)).length
  print(`\n${benchmark.name}: the store against the bare driver, events per second\n`)
  print(formatResults(rows))
  print(
    failed === 0
      ? "\nEvery ratio meets its target."
      : `\n${failed} of ${rows.length} ratios below target (FAIL); the exit code stays 0.`,
  )
  print("\nWhere the time goes: the store's own SQL on its own tables, run by the bare driver\n")
  print(formatBreakdown(rows))
}
