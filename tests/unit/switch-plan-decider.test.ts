import { describe, it } from "vitest"
import { Instant } from "../../domain/kernel/index.js"
import {
  SwitchBatchApplied,
  SwitchPlanCreated,
  switchPlanDecider,
} from "../../domain/switching/switch-plan.js"
import { passwordManagerSwitch } from "../../domain/switching/switch-rules.js"
import { deciderSpec } from "../support/decider-spec.js"

const at = Instant.make("2025-05-20T00:00:00.000Z")
const rules = passwordManagerSwitch({
  cancelCutoff: "2025-06-04",
  keysValidFrom: "2025-06-05",
  resultsFrom: "2025-06-01",
})
const create = { _tag: "CreatePlan" as const, planId: "p1", rules, at }
const created = SwitchPlanCreated.make({ planId: "p1", rules, at })
const spec = deciderSpec(switchPlanDecider)

describe("switch plan decider", () => {
  it("makes a plan once with its rules; the same rules again change nothing, others are refused", () => {
    spec.given([]).when(create).thenEmits([created])
    spec.given([created]).when(create).thenNothing()
    spec
      .given([created])
      .when({ ...create, rules: { ...rules, cancelCutoff: "2025-06-03" } })
      .thenRefuses("SwitchPlanExists", { planId: "p1" })
  })

  it("refuses rules that cannot be run", () => {
    spec
      .given([])
      .when({ ...create, rules: { ...rules, toProduct: "password-manager" } })
      .thenRefuses("SwitchRulesInvalid")
    spec
      .given([])
      .when({ ...create, rules: { ...rules, keysValidFrom: "2025-06-04" } })
      .thenRefuses("SwitchRulesInvalid")
    spec
      .given([])
      .when({ ...create, rules: { ...rules, switchedChannels: [] } })
      .thenRefuses("SwitchRulesInvalid")
  })

  it("records a run's batches on a made plan; a batch that decided nothing is none", () => {
    const batch = {
      _tag: "RecordBatch" as const,
      planId: "p1",
      switched: 2,
      notSwitched: 1,
      mailsQueued: 2,
      mailsDueThrough: Instant.make("2025-05-20T00:00:02.000Z"),
      at,
    }
    const { _tag, ...fields } = batch
    spec
      .given([created])
      .when(batch)
      .thenEmits([SwitchBatchApplied.make(fields)])
    spec
      .given([created])
      .when({ ...batch, switched: 0, notSwitched: 0, mailsQueued: 0 })
      .thenNothing()
    spec.given([]).when(batch).thenRefuses("SwitchPlanAbsent", { planId: "p1" })
  })
})
