import { portalPaths } from "../portal-paths.js"
import { Field } from "../shell/components.js"
import {
  ContinueOrCancel,
  NewPasswordFields,
  RegisteringHiddenFields,
  RegisteringIntro,
  type RegistrationFormProps,
} from "./registration-form.js"
import { registrationTexts } from "./registration-texts.js"

// Step 4 for a consumer product's key (manual 000): no company form, only the address the account
// signs in with and its password.

export const personalFormNames = ["email", "password", "passwordConfirmation"] as const

export const PersonalRegistrationForm = (props: RegistrationFormProps) => {
  const { chrome } = props
  const { lang } = chrome
  const t = registrationTexts[lang]
  const common = { chrome, problems: props.problems, required: true }
  return (
    <>
      <RegisteringIntro {...props} intro={t.personalFormIntro} />
      <form method="post" action={portalPaths.registerPersonal} novalidate class="panel">
        <RegisteringHiddenFields {...props} />
        <Field
          {...common}
          name="email"
          label={t.personalEmail}
          hint={t.personalEmailHint}
          type="email"
          value={props.values.email}
          autocomplete="username"
        />
        <NewPasswordFields chrome={chrome} problems={props.problems} passwordPolicy={props.passwordPolicy} />
        <ContinueOrCancel chrome={chrome} />
      </form>
    </>
  )
}
