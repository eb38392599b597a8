import { Context, Effect, Option } from "effect"
import {
  defaultVerificationPolicy,
  type VerificationPolicy,
} from "../../domain/accounts/email-verification.js"

/** How e-mail verification codes behave (their life, the resend countdown, wrong codes); read once at start. */
export class EmailVerificationSettings extends Context.Tag("application/EmailVerificationSettings")<
  EmailVerificationSettings,
  VerificationPolicy
>() {}

/** The configured policy; the domain's default (15 min, 168 s, 5) where none is provided. */
export const verificationPolicy = Effect.map(Effect.serviceOption(EmailVerificationSettings), (policy) =>
  Option.getOrElse(policy, () => defaultVerificationPolicy),
)
