import { Context } from "effect"
import type { PasswordPolicy } from "../../domain/accounts/password-policy.js"

/** What an operator configures about accounts; read once at start. */
export interface AccountSettingsApi {
  readonly passwordPolicy: PasswordPolicy
  readonly isCommonPassword: (lowerCasePassword: string) => boolean
  readonly sessionIdleMinutes: number
  readonly sessionAbsoluteHours: number
  /** How long a password-reset link works. */
  readonly resetLinkMinutes: number
  /** The time zone of new accounts: licences expire at the end of the day there. */
  readonly defaultTimeZone: string
  /** Where customers reach the portal; links in e-mails start here. */
  readonly publicUrl: string
  /** The vendor as named in e-mails. */
  readonly brand: { readonly name: string; readonly supportUrl: string }
}

export class AccountSettings extends Context.Tag("application/AccountSettings")<
  AccountSettings,
  AccountSettingsApi
>() {}
