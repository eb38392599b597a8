import { randomBytes } from "node:crypto"
import { mkdir, open, rename, rm } from "node:fs/promises"
import { join } from "node:path"
import { Clock, Effect, Layer, Ref } from "effect"
import { createTransport } from "nodemailer"
import {
  type MailDelivery,
  MailDeliveryError,
  Mailer,
  type MailMessage,
} from "../../application/mail/mailer.js"
import { reasonOf, toNodemailerMessage } from "./nodemailer-message.js"

export interface FileMailerOptions {
  readonly dir: string
  readonly from: string
}

// == file names

// Names sort in sending order: the millisecond stamp is nudged forward when two messages share one.
const stamp = (millis: number): string => new Date(millis).toISOString().replace(/[-:]/g, "").replace(".", "")

// Written under a .tmp name and renamed, so `mail list` never sees half a message; 0600 because the
// message may carry sign-in or recovery links.
const writeAtomically = async (path: string, content: Buffer): Promise<void> => {
  const temporary = `${path}.tmp`
  const handle = await open(temporary, "wx", 0o600)
  try {
    await handle.writeFile(content)
    await handle.sync()
  } finally {
    await handle.close()
  }
  await rename(temporary, path).catch(async (error: unknown) => {
    await rm(temporary, { force: true })
    throw error
  })
}

// == layer

export const FileMailerLive = (options: FileMailerOptions): Layer.Layer<Mailer> =>
  Layer.effect(
    Mailer,
    Effect.gen(function* () {
      const composer = createTransport({ streamTransport: true, buffer: true, newline: "windows" })
      const lastStamp = yield* Ref.make(0)

      const compose = (message: MailMessage, date: Date) =>
        Effect.tryPromise({
          try: () => composer.sendMail({ ...toNodemailerMessage(message, options.from), date }),
          catch: (cause) => new MailDeliveryError({ reason: reasonOf(cause), permanent: true }),
        })

      const send = (message: MailMessage): Effect.Effect<MailDelivery, MailDeliveryError> =>
        Effect.gen(function* () {
          const now = yield* Clock.currentTimeMillis
          const millis = yield* Ref.modify(lastStamp, (last) => {
            const next = Math.max(now, last + 1)
            return [next, next]
          })
          const info = yield* compose(message, new Date(millis))
          const path = join(options.dir, `${stamp(millis)}-${randomBytes(4).toString("hex")}.eml`)
          yield* Effect.tryPromise({
            try: async () => {
              await mkdir(options.dir, { recursive: true, mode: 0o700 })
              await writeAtomically(path, info.message as Buffer)
            },
            catch: (cause) => new MailDeliveryError({ reason: reasonOf(cause), permanent: false }),
          })
          return { messageId: info.messageId, response: path }
        })
      return { transport: "file", send }
    }),
  )
