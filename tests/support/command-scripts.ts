import { Either, FastCheck as fc } from "effect"
import { expect, it } from "vitest"
import type { Decider } from "../../domain/kernel/index.js"

// Property tests of a decider over random command scripts. Each generated step becomes a command
// (the resolver fills in what only the state so far can tell: the time, the code the user would
// have to type, a fresh id), which is decided against the state; Right events are folded in, Lefts
// change nothing. Invariants are checked against the whole trace, and a coverage guard first proves
// that the scripts reach the states the invariants are about (a property that never meets a locked
// challenge proves nothing about locks).

/** One decided step of a script. */
export interface Decided<C, S, E, Err> {
  readonly command: C
  readonly before: S
  readonly after: S
  readonly events: ReadonlyArray<E>
  readonly refusal: Err | undefined
}

export type Trace<C, S, E, Err> = ReadonlyArray<Decided<C, S, E, Err>>

export interface CommandScripts<C, S, E, Err, Step, Variant> {
  readonly decider: Decider<C, S, E, Err>
  /** Random scripts of generated steps. */
  readonly scripts: fc.Arbitrary<ReadonlyArray<Step>>
  /** A new resolver for each run of a script: turns a step into the command decided in `state`. */
  readonly resolver: (variant: Variant) => (step: Step, state: S) => C
  /** Every invariant holds for every script under each variant (e.g. how ids are drawn). */
  readonly variants: ReadonlyArray<Variant>
  /** Scripts per variant and invariant; default 100. */
  readonly numRuns?: number
}

export interface Coverage<C, S, E, Err, Variant> {
  /** What a decided step reached, by name (say, the tags of its events). */
  readonly labels: (decided: Decided<C, S, E, Err>) => ReadonlyArray<string>
  /** The names every property needs to meet, each at least `atLeast` times (default 3). */
  readonly required: ReadonlyArray<string>
  readonly atLeast?: number
  /** Default 300 scripts, under the first variant unless told. */
  readonly numRuns?: number
  readonly variant?: Variant
}

export const runScript = <C, S, E, Err, Step, Variant>(
  config: CommandScripts<C, S, E, Err, Step, Variant>,
  steps: ReadonlyArray<Step>,
  variant: Variant,
): Trace<C, S, E, Err> => {
  const { decider } = config
  const resolve = config.resolver(variant)
  let state = decider.initialState
  const trace: Array<Decided<C, S, E, Err>> = []
  for (const step of steps) {
    const command = resolve(step, state)
    const result = decider.decide(command, state)
    const events = Either.isRight(result) ? result.right : []
    const after = events.reduce(decider.evolve, state)
    trace.push({
      command,
      before: state,
      after,
      events,
      refusal: Either.isLeft(result) ? result.left : undefined,
    })
    state = after
  }
  return trace
}

const tagOf = (value: unknown) => (value as { readonly _tag?: unknown })._tag

/** Every script, under every variant; a failure shows the commands as decided, with their outcome. */
export const forEveryScript = <C, S, E, Err, Step, Variant>(
  config: CommandScripts<C, S, E, Err, Step, Variant>,
  check: (trace: Trace<C, S, E, Err>, variant: Variant) => void,
) => {
  for (const variant of config.variants) {
    fc.assert(
      fc.property(config.scripts, (steps) => {
        const trace = runScript(config, steps, variant)
        try {
          check(trace, variant)
        } catch (error) {
          const decided = trace.map(({ command, events, refusal }) =>
            JSON.stringify({ command, outcome: refusal === undefined ? events.map(tagOf) : tagOf(refusal) }),
          )
          throw new Error(
            `${String(error)}\nvariant ${JSON.stringify(variant)}; decided:\n${decided.join("\n")}`,
          )
        }
      }),
      { numRuns: config.numRuns ?? 100 },
    )
  }
}

/** Fails unless the scripts reach every required name often enough. */
export const expectCoverage = <C, S, E, Err, Step, Variant>(
  config: CommandScripts<C, S, E, Err, Step, Variant>,
  coverage: Coverage<C, S, E, Err, Variant>,
) => {
  const variant = coverage.variant ?? (config.variants[0] as Variant)
  const seen = new Map<string, number>()
  fc.assert(
    fc.property(config.scripts, (steps) => {
      for (const decided of runScript(config, steps, variant)) {
        for (const name of coverage.labels(decided)) seen.set(name, (seen.get(name) ?? 0) + 1)
      }
    }),
    { numRuns: coverage.numRuns ?? 300 },
  )
  for (const name of coverage.required) {
    expect(seen.get(name) ?? 0, name).toBeGreaterThanOrEqual(coverage.atLeast ?? 3)
  }
}

/**
 * The tests of a decider over random scripts: the coverage guard, one test per invariant, and, if
 * the decider says when it is terminal, that a terminal state yields only `[]` or a refusal.
 */
export const describeCommandScripts = <C, S, E, Err, Step, Variant>(
  config: CommandScripts<C, S, E, Err, Step, Variant>,
  properties: {
    readonly coverage: Coverage<C, S, E, Err, NoInfer<Variant>>
    readonly invariants: Readonly<
      Record<string, (trace: Trace<C, S, E, Err>, variant: NoInfer<Variant>) => void>
    >
  },
) => {
  it("reaches the interesting states often enough for the properties to mean something", () => {
    expectCoverage(config, properties.coverage)
  })
  for (const [name, check] of Object.entries(properties.invariants)) {
    it(name, () => forEveryScript(config, check))
  }
  const isTerminal = config.decider.isTerminal
  if (isTerminal !== undefined) {
    it("once terminal, yields only [] or a refusal", () => {
      forEveryScript(config, (trace) => {
        for (const { before, events } of trace) if (isTerminal(before)) expect(events).toEqual([])
      })
    })
  }
}
