import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { basename, join } from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { Effect, TestClock } from "effect"
import { FileMailerLive, listMail, showMail } from "../../adapters/mail/index.js"
import { Mailer, type MailMessage } from "../../application/mail/mailer.js"

const FROM = "ポートカリス <no-reply@portcullis.test>"
const SHOWN_FROM = '"ポートカリス" <no-reply@portcullis.test>'

const message: MailMessage = {
  to: ["hanako@example.test"],
  subject: "二要素認証が有効になりました",
  text: "こんにちは、花子さん。\n復旧用リンク: https://portcullis.test/recover?token=s3cr3t\n",
  html: "<p>こんにちは、<strong>花子</strong>さん。</p>",
}

// A parent folder of our own, so the outbox itself is created by the mailer and a file beside it can
// stand in for what path traversal would reach.
const tempRoot = Effect.acquireRelease(
  Effect.promise(() => mkdtemp(join(tmpdir(), "portcullis-mail-"))),
  (root) => Effect.promise(() => rm(root, { recursive: true, force: true })),
)

const sendAll = (dir: string, messages: ReadonlyArray<MailMessage>) =>
  Effect.flatMap(Mailer, (mailer) => Effect.forEach(messages, (mail) => mailer.send(mail))).pipe(
    Effect.provide(FileMailerLive({ dir, from: FROM })),
  )

describe("FileMailerLive and the file mailbox", () => {
  it.scoped("writes a private .eml that reads back intact", () =>
    Effect.gen(function* () {
      const dir = join(yield* tempRoot, "outbox", "mail")
      const [delivery] = yield* sendAll(dir, [message])
      const path = delivery!.response

      expect(yield* Effect.promise(() => readdir(dir))).toEqual([basename(path)])
      expect(basename(path)).toMatch(/^\d{8}T\d{9}Z-[0-9a-f]{8}\.eml$/)
      expect((yield* Effect.promise(() => stat(path))).mode & 0o777).toBe(0o600)
      const raw = yield* Effect.promise(() => readFile(path, "utf8"))
      expect(raw).toMatch(/^Message-ID: /im)
      expect(raw).toContain(`Message-ID: ${delivery!.messageId}`)
      expect(raw).toMatch(/^Auto-Submitted: auto-generated\r$/m)

      const id = basename(path, ".eml")
      const shown = yield* showMail(dir, id)
      expect(shown).toMatchObject({
        id,
        from: SHOWN_FROM,
        to: "hanako@example.test",
        subject: message.subject,
      })
      expect(shown.text.trim()).toBe(message.text.trim())
      expect(shown.html).toBe(message.html)
      expect(yield* listMail(dir)).toEqual([
        { id, date: shown.date, from: SHOWN_FROM, to: "hanako@example.test", subject: message.subject },
      ])
    }),
  )

  it.scoped("lists oldest first, even for messages sent within the same millisecond", () =>
    Effect.gen(function* () {
      const dir = yield* tempRoot
      const subjects = ["一通目", "二通目", "三通目"]
      yield* sendAll(
        dir,
        subjects.map((subject) => ({ ...message, subject })),
      )
      yield* TestClock.adjust("1 hour")
      yield* sendAll(dir, [{ ...message, subject: "四通目" }])

      const listed = yield* listMail(dir)
      expect(listed.map((mail) => mail.subject)).toEqual([...subjects, "四通目"])
      expect(listed[3]!.date.getTime() - listed[0]!.date.getTime()).toBeGreaterThanOrEqual(3_600_000)
    }),
  )

  it.scoped("shows text-only mail without html", () =>
    Effect.gen(function* () {
      const dir = yield* tempRoot
      const { html: _html, ...textOnly } = message
      const [delivery] = yield* sendAll(dir, [textOnly])
      const shown = yield* showMail(dir, basename(delivery!.response, ".eml"))
      expect(shown).not.toHaveProperty("html")
    }),
  )

  it.scoped("refuses unknown ids and ids that would leave the folder", () =>
    Effect.gen(function* () {
      const root = yield* tempRoot
      const dir = join(root, "mail")
      yield* sendAll(dir, [message])
      yield* Effect.promise(() =>
        writeFile(join(root, "outside.eml"), "Subject: outside\r\n\r\nnot yours\r\n"),
      )

      for (const id of [
        "../outside",
        "..",
        "",
        "mail/../../outside",
        `..${"\\"}outside`,
        "nope",
        "/etc/passwd",
      ]) {
        const error = yield* Effect.flip(showMail(dir, id))
        expect(error).toMatchObject({ _tag: "MailNotFound", id })
      }
    }),
  )

  it.effect("lists a missing folder as empty", () =>
    Effect.gen(function* () {
      expect(yield* listMail(join(tmpdir(), "portcullis-mail-does-not-exist", "mail"))).toEqual([])
    }),
  )
})
