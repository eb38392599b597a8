import { fieldId } from "../shell/components.js"

/**
 * One choice of a few, each with its explanation (the manual's two dialogs of Step 2; the support
 * contact, the same as above or its own). Plain radio buttons in a fieldset: no script needed.
 */
export const RadioChoice = (props: {
  readonly name: string
  readonly legend: string
  readonly legendHidden?: boolean
  readonly value: string
  readonly options: ReadonlyArray<{ readonly value: string; readonly label: string; readonly hint?: string }>
}) => (
  <fieldset class="radio-choice">
    <legend class={props.legendHidden ? "visually-hidden" : undefined}>{props.legend}</legend>
    {props.options.map((option) => {
      const id = `${fieldId(props.name)}-${option.value}`
      return (
        <div class="radio">
          <input
            type="radio"
            id={id}
            name={props.name}
            value={option.value}
            checked={option.value === props.value}
            aria-describedby={option.hint ? `${id}-hint` : undefined}
          />
          <label for={id}>{option.label}</label>
          {option.hint ? (
            <p class="hint" id={`${id}-hint`}>
              {option.hint}
            </p>
          ) : null}
        </div>
      )
    })}
  </fieldset>
)
