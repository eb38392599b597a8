import { Effect, Schema } from "effect"
import type { Child } from "hono/jsx"
import {
  changeContractor,
  changeSupportContact,
  viewAccountAt,
} from "../../../application/accounts/account-changes.js"
import { Contractor, EmailAddress, SupportContact } from "../../../domain/accounts/profile.js"
import { portalPaths } from "../portal-paths.js"
import { Layout } from "../shell/layout.js"
import type { Chrome } from "../shell/page.js"
import type { Lang } from "../shell/texts.js"
import { accountDetailsTexts } from "./account-details-texts.js"
import {
  CompanyFields,
  companyNames,
  EmailField,
  PersonFields,
  personNames,
  phoneAnchors,
  profileLabels,
} from "./profile-fields.js"
import { profileTexts } from "./profile-texts.js"
import { SectionForm, SectionNotices } from "./section-form.js"
import { sectionPage } from "./section-page.js"

// 会社情報 (manual 002, 会社情報を変更する): two tabs, ご契約者 and サポート窓口, each a page with its
// own form and 送信, so that sending one tab never sends the other's unsaved edits.

type Tab = "contractor" | "supportContact"

const CompanyTabs = (props: { readonly chrome: Chrome; readonly current: Tab }) => {
  const t = accountDetailsTexts[props.chrome.lang]
  const tab = (name: Tab, href: string) => (
    <li>
      <a href={href} aria-current={props.current === name ? "page" : undefined}>
        {t[name]}
      </a>
    </li>
  )
  return (
    <nav aria-label={t.companyTitle}>
      <ul class="tabs">
        {tab("contractor", portalPaths.company)}
        {tab("supportContact", portalPaths.companySupportContact)}
      </ul>
    </nav>
  )
}

const CompanyFrame = (props: {
  readonly chrome: Chrome
  readonly current: Tab
  readonly notices: Child
  readonly children: Child
}) => {
  const t = accountDetailsTexts[props.chrome.lang]
  return (
    <Layout chrome={props.chrome} title={t.companyTitle}>
      {props.notices}
      <p class="lead">{t.tabsNote}</p>
      <CompanyTabs chrome={props.chrome} current={props.current} />
      <div class="panel">
        <h2>{t[props.current]}</h2>
        {props.children}
      </div>
      <p class="hint">{t.cancelNote}</p>
    </Layout>
  )
}

const contractorNames = companyNames("contractor")

export const contractorPage = sectionPage({
  path: portalPaths.company,
  section: "contractor",
  names: contractorNames,
  schema: Schema.Struct({ contractor: Contractor }),
  stored: (account) => ({ contractor: account.contractor }),
  labels: (lang: Lang) => profileLabels(lang, "contractor"),
  // 備考 is shown but not changed here (the manual: not changeable after registration): the change
  // keeps what is stored. Had it changed since the form was shown, the section check refuses anyway.
  change: (session, { contractor }, seen) =>
    Effect.gen(function* () {
      const { account } = yield* Effect.orDie(viewAccountAt(session.accountId))
      // The section page has checked the kind; remarks are a business account's.
      const remarks = account.kind === "business" ? account.contractor.remarks : undefined
      const changed = { ...contractor, ...(remarks === undefined ? {} : { remarks }) }
      return yield* changeContractor(session.accountId, changed, session.metadata, seen)
    }),
  details: () => Effect.void,
  render: (context, state, account) => {
    const { chrome } = context
    const t = profileTexts[chrome.lang]
    return (
      <CompanyFrame
        chrome={chrome}
        current="contractor"
        notices={<SectionNotices chrome={chrome} section="contractor" state={state} />}
      >
        <SectionForm chrome={chrome} action={portalPaths.company} state={state}>
          <CompanyFields
            chrome={chrome}
            prefix="contractor"
            values={state.values}
            problems={state.problems}
          />
          <dl class="facts remarks">
            <dt>{t.remarks}</dt>
            <dd>{account.contractor.remarks ?? t.none}</dd>
          </dl>
        </SectionForm>
      </CompanyFrame>
    )
  },
})

const supportNames = [
  ...companyNames("supportContact"),
  ...personNames("supportContact"),
  "supportContact.email",
  "emergencyContactEmail",
]

export const supportContactPage = sectionPage({
  path: portalPaths.companySupportContact,
  section: "supportContact",
  names: supportNames,
  schema: Schema.Struct({ supportContact: SupportContact, emergencyContactEmail: EmailAddress }),
  stored: (account) => ({
    supportContact: account.supportContact,
    emergencyContactEmail: account.emergencyContactEmail,
  }),
  labels: (lang: Lang) => ({
    ...profileLabels(lang, "supportContact"),
    emergencyContactEmail: profileTexts[lang].emergencyContactEmail,
  }),
  anchors: phoneAnchors("supportContact"),
  change: (session, { supportContact, emergencyContactEmail }, seen) =>
    changeSupportContact(session.accountId, supportContact, emergencyContactEmail, session.metadata, seen),
  details: () => Effect.void,
  render: (context, state) => {
    const { chrome } = context
    const t = profileTexts[chrome.lang]
    const common = { chrome, values: state.values, problems: state.problems }
    return (
      <CompanyFrame
        chrome={chrome}
        current="supportContact"
        notices={<SectionNotices chrome={chrome} section="supportContact" state={state} />}
      >
        <SectionForm chrome={chrome} action={portalPaths.companySupportContact} state={state}>
          <CompanyFields prefix="supportContact" {...common} />
          <PersonFields prefix="supportContact" {...common} />
          <EmailField name="supportContact.email" label={t.email} {...common} />
          <EmailField name="emergencyContactEmail" label={t.emergencyContactEmail} {...common} />
        </SectionForm>
      </CompanyFrame>
    )
  },
})
