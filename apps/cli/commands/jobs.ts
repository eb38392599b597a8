import { Args, Command, Options } from "@effect/cli"
import { Effect } from "effect"
import { type DispatchSummary, drainJobs } from "../../../application/jobs/dispatch.js"
import { JobQueue, type JobQueueStatus } from "../../../application/jobs/job-queue.js"
import { now } from "../../../application/platform/now.js"
import { checkFailed, usageError } from "../cli-failure.js"
import { emit } from "../output.js"
import { withApp, withKeys } from "../with-app.js"

const json = Options.boolean("json").pipe(Options.withDescription("print the result as JSON"))

const renderStatus = (status: JobQueueStatus): string => {
  const lines = [
    `${status.totals.pending} pending, ${status.totals.done} done, ${status.totals.dead} dead`,
    ...status.channels.map((c) => `  ${c.channel}: ${c.pending} pending, ${c.done} done, ${c.dead} dead`),
    status.nextDueAt === undefined ? "nothing is waiting" : `next due: ${status.nextDueAt}`,
  ]
  if (status.dead.length > 0) {
    lines.push("dead (revive with `portcullis jobs retry <id>`):")
    for (const job of status.dead) {
      lines.push(`  ${job.id}  ${job.channel}  ${job.attempts} attempt(s)  ${job.lastError}`)
    }
  }
  return lines.join("\n")
}

const status = Command.make("status", { json }, ({ json }) =>
  withApp({ migrate: false })(() =>
    Effect.gen(function* () {
      yield* emit(json, yield* (yield* JobQueue).status(), renderStatus)
    }),
  ),
).pipe(
  Command.withDescription(
    "Count the jobs by channel and state; the next due time; dead jobs and their last error",
  ),
)

// Mail queued for SMTP must not end in this shell's file outbox (or the other way round): the
// drain says so in one line and fails, after its summary.
const refuseLeftPending = (summary: DispatchSummary) =>
  summary.leftPending === 0
    ? Effect.void
    : Effect.fail(
        checkFailed(
          `${summary.leftPending} job(s) left pending, not tried: ${summary.leftReasons.join("; ")} ` +
            "(drain them with the mail settings they were queued under: SMTP_URL as serve has it)",
        ),
      )

const drain = Command.make(
  "drain",
  {
    json,
    now: Options.boolean("now").pipe(
      Options.withDescription("also retry jobs waiting out a back-off (never a job before its due time)"),
    ),
  },
  ({ json, now }) =>
    // With the server key: mail that carries a secret waits sealed under it.
    withKeys({ migrate: true })(() =>
      Effect.gen(function* () {
        const summary = yield* drainJobs({ ignoreBackoff: now })
        const status = yield* (yield* JobQueue).status()
        yield* emit(json, { ...summary, queue: status }, (r) =>
          [
            `done ${r.done}, retrying later ${r.retrying}, dead ${r.dead}`,
            `queue: ${r.queue.totals.pending} pending, ${r.queue.totals.done} done, ${r.queue.totals.dead} dead`,
          ].join("\n"),
        )
        yield* refuseLeftPending(summary)
      }),
    ),
).pipe(Command.withDescription("Run every job that is due now (serve does this continuously)"))

const retry = Command.make("retry", { json, id: Args.text({ name: "job-id" }) }, ({ json, id }) =>
  withApp({ migrate: false })(() =>
    Effect.gen(function* () {
      const answer = yield* (yield* JobQueue).retry(id, yield* now)
      if (answer === "unknown") return yield* usageError(`no job ${id}`)
      if (answer === "not-dead")
        return yield* checkFailed(`job ${id} is not dead; only dead jobs are retried`)
      yield* emit(
        json,
        { id, state: "pending" },
        () => `job ${id} is pending again and runs when a dispatcher next looks`,
      )
    }),
  ),
).pipe(Command.withDescription("Revive a dead job: pending again, due now, its attempts counted afresh"))

export const jobsCommand = Command.make("jobs").pipe(
  Command.withDescription("Scheduled and follow-up work (e-mails among it): status, drain, retry"),
  Command.withSubcommands([status, drain, retry]),
)

// == `outbox`: the queue's name when it carried only e-mail. Its status and drain keep their output
// (totals as pending / delivered / dead) so the scripts written against it go on working.

const legacyTotals = (status: JobQueueStatus) => ({
  pending: status.totals.pending,
  delivered: status.totals.done,
  dead: status.totals.dead,
})

const legacyStatus = Command.make("status", { json }, ({ json }) =>
  withApp({ migrate: false })(() =>
    Effect.gen(function* () {
      const totals = legacyTotals(yield* (yield* JobQueue).status())
      yield* emit(json, totals, (t) => `${t.pending} pending, ${t.delivered} delivered, ${t.dead} dead`)
    }),
  ),
).pipe(Command.withDescription("Count the jobs by state (see `jobs status` for channels and dead jobs)"))

const legacyDrain = Command.make(
  "drain",
  {
    json,
    now: Options.boolean("now").pipe(Options.withDescription("also retry jobs waiting out a back-off")),
  },
  ({ json, now }) =>
    withKeys({ migrate: true })(() =>
      Effect.gen(function* () {
        const summary = yield* drainJobs({ ignoreBackoff: now })
        const queue = legacyTotals(yield* (yield* JobQueue).status())
        const result = {
          claimed: summary.claimed,
          delivered: summary.done,
          retrying: summary.retrying,
          dead: summary.dead,
          queue,
        }
        yield* emit(json, result, (r) =>
          [
            `delivered ${r.delivered}, retrying later ${r.retrying}, dead ${r.dead}`,
            `queue: ${r.queue.pending} pending, ${r.queue.delivered} delivered, ${r.queue.dead} dead`,
          ].join("\n"),
        )
        yield* refuseLeftPending(summary)
      }),
    ),
).pipe(Command.withDescription("Run every job that is due now (see `jobs drain`)"))

export const outboxCommand = Command.make("outbox").pipe(
  Command.withDescription("The queue's former name: status and drain with their old output; prefer `jobs`"),
  Command.withSubcommands([legacyStatus, legacyDrain, retry]),
)
