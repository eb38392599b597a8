/**
 * The mails of manual 004's move of an Apex One SaaS console to Trend Vision One Endpoint Security
 * (issue 15): the console is provisioned, the update has finished (and each console user upgrades
 * at their next sign-in), and the update could not start for now — the manual's temporary problem,
 * with when to try again.
 */
import { formatInstant } from "./mail-dates.js"
import {
  automaticFooter,
  type Brand,
  compose,
  greeting,
  inLanguage,
  type Localised,
  type MailLanguage,
  type RenderedMail,
  supportBlock,
} from "./mail-kit.js"

export interface InstanceFacts {
  /** The instance as the product-instance list names it ("Trend Micro Apex One as a Service"). */
  readonly instanceName: string
  /** The portal's product-instance list, where the customer goes on. */
  readonly instancesUrl: string
}

export interface UpdateFinishedFacts extends InstanceFacts {
  /** The product it is connected as now ("Standard Endpoint Protection"). */
  readonly productName: string
  /** How many console users must upgrade their accounts at their next sign-in. */
  readonly consoleUsers: number
}

export interface UpdateFailedForNowFacts extends InstanceFacts {
  /** The earliest time to try again, shown in the account's zone. */
  readonly retryAt: string
  readonly timeZone: string
}

type Copy = {
  readonly instance: string
  readonly openLead: string
  readonly open: string
  readonly ready: { readonly subject: string; readonly lines: ReadonlyArray<string> }
  readonly finished: {
    readonly subject: string
    readonly done: (product: string) => string
    readonly users: (count: number) => string
    readonly product: string
  }
  readonly failed: {
    readonly subject: string
    readonly lines: ReadonlyArray<string>
    readonly retryAt: string
  }
}

const copy: Localised<Copy> = {
  ja: {
    instance: "製品インスタンス",
    openLead: "製品インスタンスの状態は Customer Licensing Portal の製品インスタンスの画面で確認できます。",
    open: "製品インスタンスを表示する",
    ready: {
      subject: "Trend Vision One コンソールのプロビジョニングが完了しました",
      lines: [
        "Trend Vision One コンソールのプロビジョニングが完了しました。",
        "製品インスタンスの画面で [既存製品の追加] から登録トークンを発行し、Apex Central の統合設定に貼り付けて既存製品を接続してください。",
      ],
    },
    finished: {
      subject: "製品のアップデートが完了しました",
      done: (product) => `アップデートが完了し、製品インスタンスは「${product}」として接続済みになりました。`,
      users: (count) =>
        `コンソールのユーザアカウント（${count} 件）は、次回のサインイン時にメールアドレスによるアカウントへのアップグレードが必要です。`,
      product: "製品",
    },
    failed: {
      subject: "一時的な問題により製品のアップデートを開始できませんでした",
      lines: [
        "一時的な問題が発生しました。サポートエンジニアがこの問題の解決に取り組んでいます。しばらくしてからもう一度お試しください。",
        "アップデートは開始されていません。製品インスタンスはこれまでどおり接続済みです。",
      ],
      retryAt: "再実行できる時刻",
    },
  },
  en: {
    instance: "Product instance",
    openLead: "The Product Instance page of the Customer Licensing Portal shows where each instance stands.",
    open: "View product instances",
    ready: {
      subject: "Your Trend Vision One console is provisioned",
      lines: [
        "Your Trend Vision One console has been provisioned.",
        'On the Product Instance page, choose "Add existing product" to get a registration token, and paste it into the Trend Vision One integration settings of Apex Central to connect your product.',
      ],
    },
    finished: {
      subject: "The product update has finished",
      done: (product) => `The update has finished: the product instance is connected as ${product}.`,
      users: (count) =>
        `Console user accounts (${count}) must be upgraded to e-mail address accounts at their next sign-in.`,
      product: "Product",
    },
    failed: {
      subject: "The product update could not start because of a temporary problem",
      lines: [
        "A temporary problem occurred. Our support engineers are working on it. Please try again later.",
        "The update has not started: the product instance stays connected as before.",
      ],
      retryAt: "You can try again from",
    },
  },
}

/** What happened, its facts, the way to the instance list: the three mails' one shape. */
const instanceMail = (
  language: MailLanguage,
  brand: Brand,
  instancesUrl: string,
  mail: {
    readonly subject: string
    readonly lines: ReadonlyArray<string>
    readonly facts?: ReadonlyArray<readonly [string, string]>
  },
): RenderedMail => {
  const text = inLanguage(language, copy)
  return compose(
    language,
    brand,
    mail.subject,
    [
      greeting(language),
      { lines: mail.lines },
      ...(mail.facts ? [{ facts: mail.facts }] : []),
      { lines: [text.openLead], link: { url: instancesUrl, button: text.open } },
      supportBlock(language, brand),
    ],
    automaticFooter(language, brand),
  )
}

export const provisioningReady = (
  language: MailLanguage,
  brand: Brand,
  facts: InstanceFacts,
): RenderedMail => {
  const text = inLanguage(language, copy)
  return instanceMail(language, brand, facts.instancesUrl, {
    subject: text.ready.subject,
    lines: text.ready.lines,
  })
}

export const updateFinished = (
  language: MailLanguage,
  brand: Brand,
  facts: UpdateFinishedFacts,
): RenderedMail => {
  const text = inLanguage(language, copy)
  return instanceMail(language, brand, facts.instancesUrl, {
    subject: text.finished.subject,
    lines: [
      text.finished.done(facts.productName),
      ...(facts.consoleUsers > 0 ? [text.finished.users(facts.consoleUsers)] : []),
    ],
    facts: [
      [text.instance, facts.instanceName],
      [text.finished.product, facts.productName],
    ],
  })
}

export const updateFailedForNow = (
  language: MailLanguage,
  brand: Brand,
  facts: UpdateFailedForNowFacts,
): RenderedMail => {
  const text = inLanguage(language, copy)
  return instanceMail(language, brand, facts.instancesUrl, {
    subject: text.failed.subject,
    lines: text.failed.lines,
    facts: [
      [text.instance, facts.instanceName],
      [text.failed.retryAt, formatInstant(language, facts.retryAt, facts.timeZone)],
    ],
  })
}
