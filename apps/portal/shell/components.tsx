import type { Child } from "hono/jsx"
import type { Chrome } from "./page.js"
import { shellTexts } from "./texts.js"

/** A form field's error, in the user's language, and the id that the error summary links to. */
export interface FieldProblem {
  readonly name: string
  readonly message: string
}

/** The id of a field's input, from its form name (`contractor.companyName` → `f-contractor-companyName`). */
export const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`

/** Every form posts its CSRF token back. */
export const CsrfField = (props: { readonly chrome: Chrome }) => (
  <input type="hidden" name="_csrf" value={props.chrome.csrfToken} />
)

/**
 * The GOV.UK pattern: a summary at the top of the form, focused on load, each error a link to its
 * field, so that a keyboard or screen-reader user reaches every problem from one place.
 */
export const ErrorSummary = (props: {
  readonly chrome: Chrome
  readonly problems: ReadonlyArray<FieldProblem>
}) => {
  if (props.problems.length === 0) return null
  const t = shellTexts[props.chrome.lang]
  return (
    <div
      class="error-summary"
      role="alert"
      aria-labelledby="error-summary-title"
      tabindex={-1}
      data-autofocus
    >
      <h2 id="error-summary-title">{t.errorSummaryTitle}</h2>
      <p>{t.errorCount(props.problems.length)}</p>
      <ul>
        {props.problems.map((problem) => (
          <li>
            <a href={`#${fieldId(problem.name)}`}>{problem.message}</a>
          </li>
        ))}
      </ul>
    </div>
  )
}

/** A message about the whole page: a success ("changes saved") or a refusal with no field to point at. */
export const Notice = (props: { readonly kind: "success" | "error" | "info"; readonly children: Child }) => (
  <div class={`notice notice-${props.kind}`} role={props.kind === "error" ? "alert" : "status"}>
    <span class="notice-icon" aria-hidden="true">
      {props.kind === "success" ? "✓" : props.kind === "error" ? "!" : "i"}
    </span>
    <div>{props.children}</div>
  </div>
)

export interface FieldProps {
  readonly chrome: Chrome
  readonly name: string
  readonly label: string
  readonly value?: string | undefined
  readonly type?: "text" | "password" | "email" | "tel" | "number"
  readonly required?: boolean
  readonly hint?: string
  readonly autocomplete?: string
  readonly inputmode?: "numeric" | "text" | "email" | "tel"
  readonly maxlength?: number
  readonly problems: ReadonlyArray<FieldProblem>
  readonly size?: "short" | "medium" | "long"
  readonly autofocus?: boolean
}

/**
 * The frame of one input: its label (with the 必須 mark), its hint and its error, wired to the control
 * by ids, so assistive technology reads them with it. `control` gets the attributes that tie it in.
 */
const FieldFrame = (
  props: Pick<FieldProps, "chrome" | "name" | "label" | "required" | "hint" | "problems"> & {
    readonly control: (wiring: {
      readonly id: string
      readonly "aria-invalid": "true" | undefined
      readonly "aria-describedby": string | undefined
    }) => Child
  },
) => {
  const id = fieldId(props.name)
  const t = shellTexts[props.chrome.lang]
  const problem = props.problems.find((p) => p.name === props.name)
  const described = [props.hint ? `${id}-hint` : undefined, problem ? `${id}-error` : undefined]
    .filter((x) => x !== undefined)
    .join(" ")
  return (
    <div class={`field${problem ? " field-invalid" : ""}`}>
      <label for={id}>
        {props.label}
        {props.required ? (
          <span class="tag-required" aria-hidden="true">
            {t.required}
          </span>
        ) : null}
      </label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {problem ? (
        <p class="field-error" id={`${id}-error`}>
          {problem.message}
        </p>
      ) : null}
      {props.control({
        id,
        "aria-invalid": problem ? "true" : undefined,
        "aria-describedby": described === "" ? undefined : described,
      })}
    </div>
  )
}

/** A labelled input with its hint and its error. */
export const Field = (props: FieldProps) => (
  <FieldFrame
    {...props}
    control={(wiring) => (
      <input
        {...wiring}
        name={props.name}
        type={props.type ?? "text"}
        value={props.type === "password" ? undefined : props.value}
        required={props.required}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        maxlength={props.maxlength}
        class={props.size ? `input-${props.size}` : undefined}
        autofocus={props.autofocus}
      />
    )}
  />
)

/**
 * The account password asked again before a change (2FA settings, the vault's reset): focused
 * first unless another field holds the error.
 */
export const PasswordAgainField = (props: Pick<FieldProps, "chrome" | "label" | "hint" | "problems">) => (
  <Field
    {...props}
    name="password"
    type="password"
    autocomplete="current-password"
    required
    autofocus={props.problems.length === 0}
  />
)

/** A choice from a fixed list (the prefectures), with the same label, hint and error wiring. */
export const SelectField = (
  props: Omit<FieldProps, "type" | "inputmode" | "maxlength"> & {
    readonly options: ReadonlyArray<{ readonly value: string; readonly label: string }>
    readonly placeholder: string
  },
) => (
  <FieldFrame
    {...props}
    control={(wiring) => (
      <select {...wiring} name={props.name} required={props.required}>
        <option value="">{props.placeholder}</option>
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === props.value}>
            {option.label}
          </option>
        ))}
      </select>
    )}
  />
)

/** A tick box (the licence agreement, "remember my login ID"). */
export const Checkbox = (props: {
  readonly name: string
  readonly label: Child
  readonly checked?: boolean
  readonly problems: ReadonlyArray<FieldProblem>
  readonly required?: boolean
}) => {
  const id = fieldId(props.name)
  const problem = props.problems.find((p) => p.name === props.name)
  return (
    <div class={`checkbox${problem ? " field-invalid" : ""}`}>
      {problem ? (
        <p class="field-error" id={`${id}-error`}>
          {problem.message}
        </p>
      ) : null}
      <input
        type="checkbox"
        id={id}
        name={props.name}
        value="on"
        checked={props.checked}
        required={props.required}
        aria-invalid={problem ? "true" : undefined}
        aria-describedby={problem ? `${id}-error` : undefined}
      />
      <label for={id}>{props.label}</label>
    </div>
  )
}

/** Buttons at the foot of a form: the main action, and a way out. */
export const Actions = (props: { readonly children: Child }) => <div class="actions">{props.children}</div>
