import { Data } from "effect"

/** Rules the schema cannot check alone (password policy, confirmation); reported with every field at once. */
export class InvalidFields extends Data.TaggedError("InvalidFields")<{
  readonly errors: ReadonlyArray<{ readonly field: string; readonly reason: string }>
}> {}
