import { Data } from "effect"
import type { InstanceEvent } from "../../domain/instances/instance.js"
import { instanceJob } from "./instance-channel.js"

/** The licence is not the account's, or not of a product with a console to move. */
export class LicenceNotForInstance extends Data.TaggedError("LicenceNotForInstance")<{}> {}
/** Not a token this service issues: the same answer as one it does not know. */
export class TokenMalformed extends Data.TaggedError("TokenMalformed")<{}> {}

/** The job a resumed step writes again. */
export const resumedJob = (instanceId: string, event: InstanceEvent) => {
  if (event._tag !== "SagaResumed") return []
  switch (event.step) {
    case "provision":
      return [instanceJob({ _tag: "Provision", instanceId })]
    case "start-update":
      return [instanceJob({ _tag: "StartUpdate", instanceId, attempt: event.attempt ?? 1 })]
    case "finish-update":
      return [instanceJob({ _tag: "FinishUpdate", instanceId, attempt: event.attempt ?? 1 })]
  }
}
