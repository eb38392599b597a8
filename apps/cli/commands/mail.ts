import { Args, Command, Options } from "@effect/cli"
import { Effect } from "effect"
import { listMail, showMail } from "../../../adapters/mail/file-mailbox.js"
import { outboxDir } from "../../wiring/app-layer.js"
import { checkFailed } from "../cli-failure.js"
import { emit } from "../output.js"
import { loadConfig } from "../with-app.js"

const json = Options.boolean("json").pipe(Options.withDescription("print JSON"))

const list = Command.make("list", { json }, ({ json }) =>
  Effect.gen(function* () {
    const config = yield* loadConfig
    const mails = yield* listMail(outboxDir(config))
    yield* emit(json, mails, (ms) =>
      ms.length === 0
        ? `no mail in ${outboxDir(config)}`
        : ms.map((m) => `${m.id}  ${m.date ?? ""}  to ${m.to}  ${m.subject}`).join("\n"),
    )
  }),
).pipe(Command.withDescription("List the e-mails written to the file outbox (when no SMTP_URL is set)"))

const show = Command.make("show", { json, id: Args.text({ name: "id" }) }, ({ json, id }) =>
  Effect.gen(function* () {
    const config = yield* loadConfig
    const mail = yield* showMail(outboxDir(config), id).pipe(
      Effect.catchTag("MailNotFound", () =>
        Effect.fail(checkFailed(`no mail ${id} in ${outboxDir(config)}`)),
      ),
    )
    yield* emit(json, mail, (m) =>
      [
        `From:    ${m.from}`,
        `To:      ${m.to}`,
        `Date:    ${m.date ?? ""}`,
        `Subject: ${m.subject}`,
        "",
        m.text,
      ].join("\n"),
    )
  }),
).pipe(Command.withDescription("Print one e-mail from the file outbox"))

export const mailCommand = Command.make("mail").pipe(
  Command.withDescription("Read the file outbox"),
  Command.withSubcommands([list, show]),
)
