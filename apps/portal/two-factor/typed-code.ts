import { Effect, Schema } from "effect"
import { digits } from "../../http/shell/wire.js"
import type { FieldProblem } from "../shell/components.js"
import { decodeForm, fieldProblems, nestedValues } from "../shell/form-fields.js"
import type { Lang } from "../shell/texts.js"

/**
 * A code as the user typed it: a Japanese input method types full-width digits (１２３４５６), and
 * apps show codes in groups (123 456); both mean the ASCII digits the use cases compare.
 */
export const typedCode = (value: string | undefined): string =>
  (value ?? "").normalize("NFKC").replace(/\s/g, "")

/**
 * The form's `code` field, checked as the JSON API checks it (the same schema): the code, or the
 * field's problem in the user's language. A code of the wrong shape costs no attempt.
 */
export const formCode = (
  lang: Lang,
  form: Readonly<Record<string, string>>,
  label: string,
  schema: Schema.Schema<string> = digits(6),
): Effect.Effect<string, ReadonlyArray<FieldProblem>> =>
  decodeForm(Schema.Struct({ code: schema }), nestedValues({ code: typedCode(form.code) }, ["code"])).pipe(
    Effect.map(({ code }) => code),
    Effect.mapError((errors) => fieldProblems(lang, errors, { code: label })),
  )
