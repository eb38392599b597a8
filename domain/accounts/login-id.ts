import { Schema } from "effect"

/**
 * Chosen at registration and never changed. Letters, digits and `. _ - @` (so an e-mail address
 * works too), 4–64 characters; unique regardless of case, compared by `loginIdKey`.
 */
export const LoginId = Schema.Trim.pipe(
  Schema.pattern(/^[A-Za-z0-9][A-Za-z0-9._@-]{3,63}$/, {
    message: () => "must be 4 to 64 characters: letters, digits and . _ - @, starting with a letter or digit",
  }),
)

/** The form under which login IDs are unique: `Ecss_Sample` and `ecss_sample` are the same ID. */
export const loginIdKey = (loginId: string): string => loginId.trim().normalize("NFKC").toLowerCase()
