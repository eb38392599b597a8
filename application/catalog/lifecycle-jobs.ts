import { Effect, Option } from "effect"
import { allAddresses } from "../../domain/accounts/contact-addresses.js"
import { product, productStreamId } from "../../domain/catalog/product.js"
import { isBefore } from "../../domain/kernel/index.js"
import { brandOf, mailMessage } from "../accounts/account-mail.js"
import { jobMetadata } from "../jobs/dispatch.js"
import { followUp } from "../jobs/follow-up.js"
import { enqueue } from "../jobs/job-channel.js"
import { done, handleChannel, retryLater } from "../jobs/job-handler.js"
import { LicenseDirectory } from "../licensing/license-directory.js"
import { MailTransport } from "../mail/mail-transport.js"
import { sunsetNotice } from "../notifications/lifecycle-emails.js"
import { now } from "../platform/now.js"
import { accountFacts } from "../two-factor/account-facts.js"
import { type LifecycleJob, lifecycleChannel, noticeBatchSize } from "./lifecycle-channel.js"
import { ProductAppSessions } from "./product-app-sessions.js"
import { ProductLifecycles } from "./product-lifecycles.js"
import { endSessionsJob } from "./sunsets.js"

/** The product's schedule, if it is still the one the job was written for. */
const currentSchedule = (productId: string, scheduleId: string) =>
  Effect.map(
    Effect.flatMap(ProductLifecycles, (lifecycles) => lifecycles.view(productId)),
    Option.flatMap(({ names, lifecycle }) =>
      lifecycle._tag === "SunsetScheduled" && lifecycle.scheduleId === scheduleId
        ? Option.some({ names, lifecycle })
        : Option.none(),
    ),
  )

const apply = (job: Extract<LifecycleJob, { _tag: "Apply" }>) =>
  Effect.gen(function* () {
    const at = yield* now
    const schedule = yield* currentSchedule(job.productId, job.scheduleId)
    if (Option.isNone(schedule)) return done("schedule superseded or already applied")
    const { endsAt } = schedule.value.lifecycle
    // A clock a little behind the database's due time: never record the end before its instant.
    if (isBefore(at, endsAt)) return retryLater("not due yet", endsAt)
    return done(
      "sunset applied",
      followUp(
        product,
        productStreamId(job.productId),
        { _tag: "ApplySunset", productId: job.productId, scheduleId: job.scheduleId, at },
        { outbox: (events) => (events.length === 0 ? [] : [endSessionsJob(job.productId)]) },
      ),
    )
  })

const notice = (job: Extract<LifecycleJob, { _tag: "Notice" }>) =>
  Effect.gen(function* () {
    const at = yield* now
    const schedule = yield* currentSchedule(job.productId, job.scheduleId)
    if (Option.isNone(schedule)) return done("schedule superseded")
    const { lifecycle, names } = schedule.value
    if (lifecycle.noticesDone || lifecycle.noticesThrough !== job.after) return done("batch already recorded")
    if (!isBefore(at, lifecycle.endsAt)) return done("the product has ended: no notice is due")
    const successor = yield* Effect.flatMap(ProductLifecycles, (l) => l.view(lifecycle.successor))
    const successorNames = Option.match(successor, {
      onNone: () => ({ ja: lifecycle.successor, en: lifecycle.successor }),
      onSome: (record) => record.names,
    })
    const holders = yield* (yield* LicenseDirectory).holdersOf(job.productId, {
      after: job.after,
      limit: noticeBatchSize,
    })
    const brand = yield* brandOf
    const transport = yield* MailTransport
    const mails = yield* Effect.forEach(holders, (accountId) =>
      accountFacts(accountId).pipe(
        Effect.map((facts) => [
          mailMessage(
            transport,
            allAddresses(facts),
            sunsetNotice(facts.language, brand, {
              productName: names[facts.language],
              successorName: successorNames[facts.language],
              endsAt: lifecycle.endsAt,
              timeZone: facts.timeZone,
            }),
          ),
        ]),
        // An account erased since its licence was registered has no one to tell.
        Effect.catchTag("AccountNotFound", () => Effect.succeed([])),
      ),
    )
    const through = holders.at(-1) ?? job.after
    const last = holders.length < noticeBatchSize
    return done(
      `${holders.length} notices queued`,
      followUp(
        product,
        productStreamId(job.productId),
        {
          _tag: "RecordNoticeBatch",
          productId: job.productId,
          scheduleId: job.scheduleId,
          after: job.after,
          through,
          count: holders.length,
          done: last,
          at,
        },
        {
          // Only the append that records the batch mails it and asks for the next page.
          outbox: (events) =>
            events.length === 0
              ? []
              : [
                  ...mails.flat(),
                  ...(last
                    ? []
                    : [
                        enqueue(lifecycleChannel, {
                          _tag: "Notice",
                          productId: job.productId,
                          scheduleId: job.scheduleId,
                          ...(through === undefined ? {} : { after: through }),
                        }),
                      ]),
                ],
        },
      ),
    )
  })

/** The `lifecycle` channel: the sunset's end, its notices, and the end of its app sessions. */
export const lifecycleJobHandler = handleChannel(lifecycleChannel, (job, claimed) =>
  Effect.gen(function* () {
    switch (job._tag) {
      case "Apply":
        return yield* apply(job)
      case "Notice":
        return yield* notice(job)
      case "EndSessions": {
        const ended = yield* (yield* ProductAppSessions).endAllOf(job.productId, jobMetadata(claimed))
        return done(`${ended.sessions} app sessions of ${ended.accounts} accounts ended`)
      }
    }
  }),
)
