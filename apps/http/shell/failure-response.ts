import { Cause, Effect, Option } from "effect"
import { type ProblemContext, type ProblemTable, problemResponse, tagOf } from "./problem.js"
import { internalError } from "./request-errors.js"

export interface FailureContext extends ProblemContext {
  readonly method: string
}

export type RunLog = (log: Effect.Effect<void>) => void

/** The only answer to a bug: the request id lets an operator find the full cause in the log. */
export const internalErrorResponse = (context: ProblemContext): Response =>
  problemResponse(internalError, context)

// A typed failure pretty-prints without its fields, so an unmapped one is logged as a value too.
export const logUnexpected = (runLog: RunLog, context: FailureContext, cause: Cause.Cause<unknown>): void => {
  const failure = Cause.failureOption(cause)
  const messages = Option.isSome(failure) ? ["request failed", failure.value] : ["request failed"]
  runLog(
    Effect.logError(...messages, cause).pipe(
      Effect.annotateLogs({
        requestId: context.requestId,
        method: context.method,
        path: context.instance,
        failure: Option.match(failure, {
          onNone: () => "defect",
          onSome: (error) => tagOf(error) ?? "untagged",
        }),
      }),
    ),
  )
}

/** Maps an expected failure by `_tag`; anything else (unmapped failure, defect, interruption) is a 500. */
export const responseForFailure = (
  cause: Cause.Cause<unknown>,
  problems: ProblemTable,
  context: FailureContext,
  runLog: RunLog,
): Response => {
  const failure = Cause.failureOption(cause)
  const tag = Option.isSome(failure) ? tagOf(failure.value) : undefined
  const mapping = tag === undefined ? undefined : problems[tag]
  if (Option.isNone(failure) || mapping === undefined) {
    logUnexpected(runLog, context, cause)
    return internalErrorResponse(context)
  }
  // The table is keyed by `_tag`, so this mapping was written for exactly this error type.
  const error = failure.value as never
  return problemResponse(
    {
      status: mapping.status,
      slug: mapping.slug,
      title: mapping.title,
      detail: mapping.detail?.(error),
      extensions: mapping.extensions?.(error),
    },
    context,
    mapping.headers?.(error),
  )
}
