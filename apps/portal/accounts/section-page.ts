import { Data, Effect, Either, type Schema } from "effect"
import { viewAccountAt } from "../../../application/accounts/account-changes.js"
import type { Section, SectionSeenAt } from "../../../application/accounts/section-seen.js"
import { PreconditionFailed } from "../../../application/event-log/seen-version.js"
import { portalPaths } from "../portal-paths.js"
import type { FieldProblem } from "../shell/components.js"
import { decodeForm, fieldProblems, nestedValues } from "../shell/form-fields.js"
import { definePage, html, type PageContext, type PortalSession, redirect } from "../shell/page.js"
import type { Lang } from "../shell/texts.js"
import type { FormValues } from "./profile-fields.js"
import { profileTexts } from "./profile-texts.js"

// One section of the account, changed on a page of its own (manual 002: ご契約者, サポート窓口,
// ユーザ登録情報): shown from the stored account, posted whole, decoded with the API's schema, and
// changed by the same use case as the API's PUT. The form carries the version it was rendered from,
// so a change of the same section by someone else in between is shown rather than overwritten.

type AnyAccount = Effect.Effect.Success<ReturnType<typeof viewAccountAt>>["account"]
/** These sections are a business account's: a personal account has none of them. */
export type VisibleAccount = Extract<AnyAccount, { readonly kind: "business" }>

class PersonalAccountPage extends Data.TaggedError("PersonalAccountPage")<{}> {}

const businessAccountAt = (accountId: string) =>
  Effect.flatMap(Effect.orDie(viewAccountAt(accountId)), ({ account, version }) =>
    account.kind === "business"
      ? Effect.succeed({ account, version })
      : Effect.fail(new PersonalAccountPage()),
  )

// A personal account asking for a business section is sent to its own details, not shown an error.
const toPersonalDetails = <A, E, R>(page: Effect.Effect<A, E | PersonalAccountPage, R>) =>
  Effect.catchIf(
    page,
    (error): error is PersonalAccountPage => error instanceof PersonalAccountPage,
    () => Effect.succeed(redirect(portalPaths.userPersonal)),
  )

export interface SectionFormState {
  /** What the inputs show: the stored section, or what the user typed into a refused form. */
  readonly values: FormValues
  /** The account version the form is based on (its hidden field). */
  readonly version: number
  readonly problems: ReadonlyArray<FieldProblem>
  readonly saved: boolean
  /** After a form that had gone stale: what is saved now, where it differs from the user's entries. */
  readonly changedMeanwhile: ReadonlyArray<{ readonly label: string; readonly value: string }> | undefined
}

/** Nested values as the flat names of their inputs: `{ user: { phone: { areaCode } } }` → `user.phone.areaCode`. */
export const formValues = (value: unknown, prefix = ""): Record<string, string> => {
  if (typeof value !== "object" || value === null)
    return value === undefined ? {} : { [prefix]: String(value) }
  return Object.assign(
    {},
    ...Object.entries(value).map(([key, inner]) =>
      formValues(inner, prefix === "" ? key : `${prefix}.${key}`),
    ),
  )
}

const versionOf = (field: string | undefined) =>
  // A form without a readable version is as stale as one from the account's first version.
  field !== undefined && /^\d{1,12}$/.test(field) ? Number(field) : 0

export const sectionPage = <A, I, D, R1, R2, E>(spec: {
  readonly path: string
  readonly section: Section
  /** The inputs of the form, in order: what is posted, decoded and compared. */
  readonly names: ReadonlyArray<string>
  /** The API's schema of the section, under the form's names (`{ contractor: Contractor }`). */
  readonly schema: Schema.Schema<A, I>
  /** The stored section in the schema's shape. */
  readonly stored: (account: VisibleAccount) => A
  readonly labels: (lang: Lang) => Readonly<Record<string, string>>
  readonly anchors?: Readonly<Record<string, string>>
  readonly change: (
    session: PortalSession,
    value: A,
    seen: SectionSeenAt,
  ) => Effect.Effect<unknown, PreconditionFailed | E, R1>
  /** What else the page shows besides the form (the 2FA status). */
  readonly details: (session: PortalSession) => Effect.Effect<D, never, R2>
  readonly render: (
    context: PageContext<"session">,
    state: SectionFormState,
    account: VisibleAccount,
    details: D,
  ) => unknown
}) => {
  const show = (context: PageContext<"session">, state: SectionFormState, status: number) =>
    Effect.gen(function* () {
      const { account } = yield* businessAccountAt(context.session.accountId)
      const details = yield* spec.details(context.session)
      return html(spec.render(context, state, account, details), { status })
    })

  return definePage({
    path: spec.path,
    auth: "session",
    get: (context) =>
      Effect.gen(function* () {
        const { account, version } = yield* businessAccountAt(context.session.accountId)
        const details = yield* spec.details(context.session)
        const state: SectionFormState = {
          values: formValues(spec.stored(account)),
          version,
          problems: [],
          saved: context.query.notice === "saved",
          changedMeanwhile: undefined,
        }
        return html(spec.render(context, state, account, details))
      }).pipe(toPersonalDetails),
    post: (context) =>
      Effect.gen(function* () {
        const { form, lang, session } = context
        const entered = Object.fromEntries(spec.names.map((name) => [name, form[name] ?? ""]))
        const seenAt = versionOf(form.version)
        const labels = spec.labels(lang)
        const decoded = yield* Effect.either(decodeForm(spec.schema, nestedValues(form, spec.names)))
        if (Either.isLeft(decoded)) {
          const problems = fieldProblems(lang, decoded.left, labels, spec.anchors)
          const state = {
            values: entered,
            version: seenAt,
            problems,
            saved: false,
            changedMeanwhile: undefined,
          }
          return yield* show(context, state, 422)
        }
        const outcome = yield* spec.change(session, decoded.right, { sectionSeenAt: seenAt }).pipe(
          Effect.as("saved" as const),
          Effect.catchIf(
            (error): error is PreconditionFailed => error instanceof PreconditionFailed,
            () => Effect.succeed("stale" as const),
          ),
          // Anything else (a conflict that outlasted its retries) is no mistake of the user's: a 500 page.
          Effect.orDie,
        )
        if (outcome === "saved") return redirect(`${spec.path}?notice=saved`)

        // Someone changed this section since the form was shown: keep the user's entries, say what
        // is saved now, and base the form on the current version, so sending it again is a choice.
        const current = yield* businessAccountAt(session.accountId)
        const now = formValues(spec.stored(current.account))
        const mine = formValues(decoded.right)
        const none = profileTexts[lang].none
        const changedMeanwhile = spec.names
          .filter((name) => (now[name] ?? "") !== (mine[name] ?? ""))
          .map((name) => ({ label: labels[name] ?? name, value: now[name] ?? none }))
        const state = {
          values: entered,
          version: current.version,
          problems: [],
          saved: false,
          changedMeanwhile,
        }
        return yield* show(context, state, 409)
      }).pipe(toPersonalDetails),
  })
}
