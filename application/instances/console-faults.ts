import { Context, type Effect, Schema } from "effect"

/** One scripted answer of the simulated console to an update's start. */
export const FaultStep = Schema.Literal("ok", "fail", "down")
export type FaultStep = typeof FaultStep.Type

/**
 * How the simulated console misbehaves: a script of answers taken one per new update attempt
 * (`fail`: its temporary problem; `down`: unreachable; `ok`), then a rate of temporary problems.
 */
export const ConsoleFaults = Schema.Struct({
  script: Schema.Array(FaultStep),
  failureRate: Schema.Number.pipe(Schema.between(0, 1)),
})
export type ConsoleFaults = typeof ConsoleFaults.Type

/** The script as an operator types it: `fail,fail,ok`; empty text is no script. */
export const parseFaultScript = (text: string): ReadonlyArray<FaultStep> | undefined => {
  const steps = text
    .split(",")
    .map((step) => step.trim())
    .filter((step) => step !== "")
  return steps.every((step): step is FaultStep => Schema.is(FaultStep)(step)) ? steps : undefined
}

/** The simulated console's settings, kept in its own tables so that every `serve` sees the same. */
export interface ConsoleFaultSettingsApi {
  readonly read: Effect.Effect<ConsoleFaults & { readonly position: number }>
  /** Sets them, the script from its start. */
  readonly write: (faults: ConsoleFaults) => Effect.Effect<void>
  /** The script's step at `from` is taken: the next call reads the one after (once, if two race). */
  readonly advance: (from: number) => Effect.Effect<void>
}

export class ConsoleFaultSettings extends Context.Tag("application/ConsoleFaultSettings")<
  ConsoleFaultSettings,
  ConsoleFaultSettingsApi
>() {}
