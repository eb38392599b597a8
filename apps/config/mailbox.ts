import { Config, ConfigError, Either } from "effect"
import addressparser from "nodemailer/lib/addressparser"

// A domain of dot-separated labels, and a local part without spaces or the characters that end one.
const address =
  /^[^\s@<>()[\],;:\\"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/

/** Whether the text is one RFC 5322 mailbox, `name@example.com` or `Name <name@example.com>`. */
export const isMailbox = (text: string): boolean => {
  // A line break would let the value add headers of its own.
  if (/[\r\n]/.test(text)) return false
  const parsed = addressparser(text)
  if (parsed.length !== 1) return false
  const [entry] = parsed
  return entry !== undefined && !("group" in entry && entry.group) && address.test(entry.address ?? "")
}

/**
 * A mailbox variable (MAIL_FROM): mail sent with an unparsable sender goes out with no `From:`
 * at all, so a bad value stops the start rather than the first e-mail.
 */
export const mailbox = (name: string) =>
  Config.string(name).pipe(
    Config.mapOrFail((text) =>
      isMailbox(text.trim())
        ? Either.right(text.trim())
        : Either.left(
            ConfigError.InvalidData([], "expected one mailbox, name@example.com or Name <name@example.com>"),
          ),
    ),
  )
