import { readdir, readFile, stat } from "node:fs/promises"
import { join } from "node:path"
import { Data, Effect } from "effect"
import { type AddressObject, simpleParser } from "mailparser"

export interface MailSummary {
  readonly id: string
  readonly date: Date
  readonly from: string
  readonly to: string
  readonly subject: string
}

export interface MailContent extends MailSummary {
  readonly text: string
  readonly html?: string
}

export class MailNotFound extends Data.TaggedError("MailNotFound")<{ readonly id: string }> {}

// == reading

const isMissing = (error: unknown): boolean =>
  typeof error === "object" && error !== null && "code" in error && error.code === "ENOENT"

// Ids come from operators' command lines, so anything that could leave the folder is simply not found.
const isSafeId = (id: string): boolean => /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(id) && !id.includes("..")

const addresses = (field: AddressObject | Array<AddressObject> | undefined): string =>
  field === undefined ? "" : Array.isArray(field) ? field.map((a) => a.text).join(", ") : field.text

const headerEnd = (raw: Buffer): number => {
  const crlf = raw.indexOf("\r\n\r\n")
  const lf = raw.indexOf("\n\n")
  return Math.min(raw.length, crlf === -1 ? Infinity : crlf + 4, lf === -1 ? Infinity : lf + 2)
}

// The folder is only read by operators: an unreadable file is a defect to look into, not a domain case.
const parse = (dir: string, id: string, headersOnly: boolean) =>
  Effect.promise(async () => {
    const path = join(dir, `${id}.eml`)
    const raw = await readFile(path)
    // Listing needs only the headers, which end at the first blank line; bodies can be large.
    const mail = await simpleParser(headersOnly ? raw.subarray(0, headerEnd(raw)) : raw)
    const summary: MailSummary = {
      id,
      date: mail.date ?? (await stat(path)).mtime,
      from: mail.from?.text ?? "",
      to: addresses(mail.to),
      subject: mail.subject ?? "",
    }
    return { summary, mail }
  })

/** Messages in the folder, oldest first (file names start with a sortable time stamp). */
export const listMail = (dir: string): Effect.Effect<ReadonlyArray<MailSummary>> =>
  Effect.tryPromise({ try: () => readdir(dir), catch: (error) => error }).pipe(
    Effect.catchIf(isMissing, () => Effect.succeed<Array<string>>([])),
    Effect.orDie,
    Effect.flatMap((names) =>
      Effect.forEach(
        names.filter((name) => name.endsWith(".eml")).sort(),
        (name) => Effect.map(parse(dir, name.slice(0, -".eml".length), true), ({ summary }) => summary),
        { concurrency: 8 },
      ),
    ),
  )

export const showMail = (dir: string, id: string): Effect.Effect<MailContent, MailNotFound> =>
  Effect.gen(function* () {
    if (!isSafeId(id)) return yield* new MailNotFound({ id })
    const exists = yield* Effect.tryPromise({
      try: () => stat(join(dir, `${id}.eml`)),
      catch: (error) => error,
    }).pipe(
      Effect.as(true),
      Effect.catchIf(isMissing, () => Effect.succeed(false)),
      Effect.orDie,
    )
    if (!exists) return yield* new MailNotFound({ id })
    const { summary, mail } = yield* parse(dir, id, false)
    const text = mail.text ?? ""
    return mail.html === false ? { ...summary, text } : { ...summary, text, html: mail.html }
  })
