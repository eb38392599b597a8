import { dictionary } from "@zxcvbn-ts/language-common"

// zxcvbn's list of commonly used passwords (about 49,000, most used first), compared lower-cased.
let common: ReadonlySet<string> | undefined

/** Loaded on first use: the list costs a few megabytes that commands without passwords never need. */
export const isCommonPassword = (lowerCasePassword: string): boolean => {
  common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()))
  return common.has(lowerCasePassword)
}
