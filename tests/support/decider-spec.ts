import { Either } from "effect"
import { expect } from "vitest"
import type { Decider } from "../../domain/kernel/index.js"

/**
 * Given events / when command / then events or error: a decider test reads as the business rule.
 * The state is folded from the given events only, as the command runner would load it.
 */
export const deciderSpec = <C, S, E, Err>(decider: Decider<C, S, E, Err>) => ({
  given: (events: ReadonlyArray<E>) => ({
    when: (command: C) => {
      const state = events.reduce(decider.evolve, decider.initialState)
      const result = decider.decide(command, state)
      return {
        thenEmits: (expected: ReadonlyArray<E>) => {
          if (Either.isLeft(result))
            throw new Error(`expected events, got refusal ${JSON.stringify(result.left)}`)
          expect(result.right).toEqual(expected)
        },
        thenNothing: () => {
          if (Either.isLeft(result))
            throw new Error(`expected no events, got refusal ${JSON.stringify(result.left)}`)
          expect(result.right).toEqual([])
        },
        /** The refusal's tag and, when given, some of its fields. */
        thenRefuses: (tag: Err extends { readonly _tag: infer T } ? T : string, details?: Partial<Err>) => {
          if (Either.isRight(result))
            throw new Error(`expected refusal ${String(tag)}, got ${JSON.stringify(result.right)}`)
          expect((result.left as { _tag?: unknown })._tag).toBe(tag)
          if (details !== undefined) expect(result.left).toMatchObject(details)
        },
        state,
      }
    },
  }),
})
