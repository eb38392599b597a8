import { describe, it } from "vitest"
import { deciderSpec } from "../support/decider-spec.js"
import { AmountAdded, TallyClosed, TallyOpened, tallyDecider } from "../support/tally.js"

const at = "2026-01-01T00:00:00.000Z"
const spec = deciderSpec(tallyDecider)
const opened = TallyOpened.make({ name: "n", at })

describe("the sample decider, as a template for feature deciders", () => {
  it("opens a new tally", () => spec.given([]).when({ _tag: "Open", name: "n", at }).thenEmits([opened]))
  it("treats opening again under the same name as done", () =>
    spec.given([opened]).when({ _tag: "Open", name: "n", at }).thenNothing())
  it("refuses to open under another name", () =>
    spec.given([opened]).when({ _tag: "Open", name: "m", at }).thenRefuses("TallyAlreadyOpen"))
  it("adds to an open tally", () =>
    spec
      .given([opened])
      .when({ _tag: "Add", amount: 3, at })
      .thenEmits([AmountAdded.make({ amount: 3, at })]))
  it("refuses to add before opening", () =>
    spec.given([]).when({ _tag: "Add", amount: 3, at }).thenRefuses("TallyNotOpen"))
  it("closes once, then closing again changes nothing", () => {
    spec
      .given([opened])
      .when({ _tag: "Close", at })
      .thenEmits([TallyClosed.make({ at })])
    spec
      .given([opened, TallyClosed.make({ at })])
      .when({ _tag: "Close", at })
      .thenNothing()
  })
})
