/**
 * `manual`: the CLP manual's rule, 8–25 characters with digits, upper and lower case.
 * `asvs`: OWASP ASVS 5.0, at least 8 and up to 128 characters, no composition rules.
 * Both refuse a password that contains the login ID or is a commonly used one.
 */
export type PasswordPolicy = "manual" | "asvs"

export interface PasswordContext {
  readonly policy: PasswordPolicy
  readonly loginId: string
  /** Membership in a list of commonly used passwords, compared case-insensitively. */
  readonly isCommon: (lowerCasePassword: string) => boolean
}

// Length in characters as a person counts them (code points), not UTF-16 units.
const lengthOf = (text: string) => [...text].length

/** Every reason the password is refused, in a stable order; empty when it is acceptable. */
export const passwordProblems = (password: string, context: PasswordContext): ReadonlyArray<string> => {
  const problems: Array<string> = []
  const length = lengthOf(password)
  if (context.policy === "manual") {
    if (length < 8 || length > 25) problems.push("must be 8 to 25 characters")
    if (!/[0-9]/.test(password) || !/[A-Z]/.test(password) || !/[a-z]/.test(password)) {
      problems.push("must contain digits, upper-case and lower-case letters")
    }
  } else {
    if (length < 8) problems.push("must be at least 8 characters")
    if (length > 128) problems.push("must be at most 128 characters")
  }
  const lower = password.toLowerCase()
  const loginId = context.loginId.trim().toLowerCase()
  if (loginId.length >= 3 && lower.includes(loginId)) problems.push("must not contain the login ID")
  if (context.isCommon(lower)) problems.push("is too common: choose one that others are unlikely to use")
  return problems
}
