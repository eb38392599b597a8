import { Effect, Schema } from "effect"
import { fieldErrors } from "../../http/shell/decode-request.js"
import type { FieldProblem } from "./components.js"
import { reasonText } from "./field-reasons.js"
import type { Lang } from "./texts.js"

// A form posts flat names (`contractor.companyName`, `user.phone.areaCode`); the use cases take the
// nested values the JSON API takes. One mapping between the two, so the portal decodes with the very
// schemas the API decodes with, and a refused field (a JSON pointer) finds its input again.

/**
 * Flat form fields into nested values; an empty text is a field left out (an optional one). A group
 * named in `groups` is there even when all its fields are empty, so that a required section left
 * blank is refused field by field (`/contractor/companyName` …) rather than as one missing object.
 */
export const nestedValues = (
  form: Readonly<Record<string, string>>,
  names: ReadonlyArray<string>,
  groups: ReadonlyArray<string> = [],
): Record<string, unknown> => {
  const root: Record<string, unknown> = {}
  for (const group of groups) {
    let node = root
    for (const key of group.split(".")) {
      node[key] ??= {}
      node = node[key] as Record<string, unknown>
    }
  }
  for (const name of names) {
    const value = form[name]
    if (value === undefined || value.trim() === "") continue
    const path = name.split(".")
    let node = root
    for (const key of path.slice(0, -1)) {
      node[key] ??= {}
      node = node[key] as Record<string, unknown>
    }
    node[path[path.length - 1]!] = value
  }
  return root
}

/** `/contractor/companyName` → `contractor.companyName`: the input a refusal belongs to. */
export const formNameOf = (pointer: string): string => pointer.replace(/^\//, "").split("/").join(".")

/** Refusals of fields in the user's language, each with the form name of its input. */
export const fieldProblems = (
  lang: Lang,
  errors: ReadonlyArray<{ readonly field: string; readonly reason: string }>,
  labels: Readonly<Record<string, string>>,
  /** A refusal of a group (the phone number as a whole) is shown at the group's first input. */
  anchors: Readonly<Record<string, string>> = {},
): ReadonlyArray<FieldProblem> => {
  const problems = errors.map((error) => {
    const name = anchors[formNameOf(error.field)] ?? formNameOf(error.field)
    const label = labels[formNameOf(error.field)] ?? labels[name]
    return { name, message: reasonText(lang, error.reason, label) }
  })
  // Two reasons can read the same in the user's language (the manual's one sentence for a
  // password's length and its character classes): the summary says it once.
  return problems.filter(
    (problem, index) =>
      problems.findIndex((p) => p.name === problem.name && p.message === problem.message) === index,
  )
}

/** Decodes a form with a use case's schema: the value, or every refused field (as the JSON API's 422 lists them). */
export const decodeForm = <A, I>(schema: Schema.Schema<A, I>, value: unknown) =>
  Schema.decodeUnknown(schema, { errors: "all", onExcessProperty: "ignore" })(value).pipe(
    Effect.mapError((error) => fieldErrors("body", error)),
  )
