// Job channels for the queue's own tests: one whose follow-up adds to a tally, one that never succeeds.
import { Effect, Schema } from "effect"
import { followUp } from "../../application/jobs/follow-up.js"
import { defineJobChannel, enqueue } from "../../application/jobs/job-channel.js"
import { done, handleChannel, retryLater } from "../../application/jobs/job-handler.js"
import { now } from "../../application/platform/now.js"
import { tally } from "./tally.js"

export const tickChannel = defineJobChannel(
  "test-tick",
  Schema.Struct({
    streamId: Schema.String,
    amount: Schema.Int,
    /** Its follow-up asks for one more tick on the same stream, in the same transaction. */
    chain: Schema.optionalWith(Schema.Boolean, { exact: true }),
  }),
)

export const tickHandler = handleChannel(tickChannel, (payload) =>
  Effect.map(now, (at) =>
    done(
      `ticked ${payload.streamId}`,
      followUp(
        tally,
        payload.streamId,
        { _tag: "Add", amount: payload.amount, at },
        payload.chain
          ? { outbox: () => [enqueue(tickChannel, { streamId: payload.streamId, amount: 1 })] }
          : {},
      ),
    ),
  ),
)

export const neverChannel = defineJobChannel("test-never", Schema.Struct({ n: Schema.Int }))

export const neverHandler = handleChannel(neverChannel, () => Effect.succeed(retryLater("not yet")))

/** Work that takes a while: its handler sleeps (on the test clock) before it answers. */
export const slowChannel = defineJobChannel("test-slow", Schema.Struct({ seconds: Schema.Int }))

export const slowHandler = handleChannel(slowChannel, ({ seconds }) =>
  Effect.as(Effect.sleep(`${seconds} seconds`), done(`slept ${seconds} s`)),
)
