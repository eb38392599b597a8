/**
 * The Customer Licensing Portal's notification e-mails as pure functions (docs/research/clp-manual-spec.md §2, §4.4, §6).
 * Wording is the manual's where it has any; elsewhere it is what a Japanese B2B vendor would send: 「お客様へ」, short,
 * signed with the vendor's name, and marked as automatic. Who receives which mail is the caller's business.
 */
import { type Block, oneLine, renderLayout } from "./mail-layout.js"

export type MailLanguage = "ja" | "en"

export interface RenderedMail {
  readonly subject: string
  readonly text: string
  readonly html: string
}

/** The vendor as the customer knows it; the manual's 「トレンドマイクロ」 and its URLs stand for these. */
export interface Brand {
  readonly name: string
  readonly supportUrl: string
  readonly portalUrl: string
}

export interface LicenseSummary {
  readonly productName: string
  readonly packageName: string
  readonly seats: number
  readonly licenseType: "full" | "trial"
  /** YYYY-MM-DD: a calendar date, printed as is, never shifted by a time zone. */
  readonly expiresOn: string
  readonly maskedKey: string
}

export interface LicenseMailFacts {
  readonly loginId: string
  readonly companyName: string
  readonly license: LicenseSummary
}

export type AccountPart = "user" | "contractor" | "supportContact"

/** When something changed: an ISO instant, shown in the account's IANA time zone. */
export interface ChangeTime {
  readonly changedAt: string
  readonly timeZone: string
}

// Japanese unless the account asked for English, also for a language this code does not know.
export const pick = <T>(language: MailLanguage, ja: T, en: T): T => (language === "en" ? en : ja)

export const compose = (
  language: MailLanguage,
  subject: string,
  blocks: ReadonlyArray<Block>,
  footer: ReadonlyArray<string>,
): RenderedMail => {
  const title = oneLine(subject)
  return { subject: title, ...renderLayout({ language, title, blocks, footer }) }
}

export const greeting = (language: MailLanguage): Block => ({
  lines: [pick(language, "お客様へ", "Dear customer,")],
})

export const automaticFooter = (language: MailLanguage, brand: Brand, ...notes: ReadonlyArray<string>) => [
  brand.name,
  ...notes,
  pick(
    language,
    "このメッセージは自動的に送信されています。このメッセージには返信しないでください。",
    "This message was sent automatically. Please do not reply to it.",
  ),
]

export const supportBlock = (language: MailLanguage, brand: Brand): Block => ({
  lines: [
    pick(
      language,
      "ご質問がある場合は、次のWebサイトを参照してください：",
      "If you have any questions, please visit:",
    ),
  ],
  link: { url: brand.supportUrl },
})

// --- dates -------------------------------------------------------------------------------------------------------

const months = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const

const calendarDate = (language: MailLanguage, year: number, month: number, day: number) =>
  pick(language, `${year}年${month}月${day}日`, `${day} ${months[month - 1] ?? month} ${year}`)

/** 2027-03-31 → 2027年3月31日 / 31 March 2027; text that is not such a date is printed unchanged rather than lost. */
export const formatCalendarDate = (language: MailLanguage, isoDate: string): string => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate)
  const [year, month, day] = [Number(match?.[1]), Number(match?.[2]), Number(match?.[3])]
  return match && month >= 1 && month <= 12 && day >= 1 && day <= 31
    ? calendarDate(language, year, month, day)
    : isoDate
}

const zonedParts = (instant: string, timeZone: string) => {
  // en-US numeric parts are plain ASCII digits; the wording around them is ours, not the locale's.
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(instant))
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ""
  return {
    year: Number(part("year")),
    month: Number(part("month")),
    day: Number(part("day")),
    time: `${part("hour")}:${part("minute")}`,
  }
}

/**
 * 2026-03-31T15:30:00Z in Asia/Tokyo → 2026年4月1日 00:30 (Asia/Tokyo) / 1 April 2026, 00:30 (Asia/Tokyo). The zone is
 * named because the reader may be elsewhere. Throws RangeError for an unknown zone or an unreadable instant, as Intl does:
 * both are checked long before a mail is written.
 */
export const formatInstant = (language: MailLanguage, instant: string, timeZone: string): string => {
  const { year, month, day, time } = zonedParts(instant, timeZone)
  return `${calendarDate(language, year, month, day)}${pick(language, " ", ", ")}${time} (${timeZone})`
}

export const changedAtFact = (language: MailLanguage, change: ChangeTime): readonly [string, string] => [
  pick(language, "変更日時", "Changed at"),
  formatInstant(language, change.changedAt, change.timeZone),
]

/** "If this was not you, contact support", closing every change notice. */
export const notMeBlock = (language: MailLanguage, brand: Brand): Block => ({
  lines: [
    pick(
      language,
      "この変更にお心当たりがない場合は、次のWebサイトからサポートにお問い合わせください：",
      "If you did not make this change, please contact support:",
    ),
  ],
  link: { url: brand.supportUrl },
})

// --- masking -----------------------------------------------------------------------------------------------------

/**
 * The manual's password-reset mask (§4.4): the first three characters of the local part (all of them when it is
 * shorter), always exactly five `*` so the length is not given away, then `@` and the whole domain.
 */
export const maskEmail = (address: string): string => {
  const at = address.lastIndexOf("@")
  const local = at < 0 ? address : address.slice(0, at)
  const domain = at < 0 ? "" : address.slice(at)
  return Array.from(local).slice(0, 3).join("") + "*****" + domain
}

// --- licence mails (sent to the support contact, §2 Step5 and §5.1) -------------------------------------------------

const licenseFacts = (language: MailLanguage, facts: LicenseMailFacts): Block => {
  const { license } = facts
  const number = new Intl.NumberFormat(pick(language, "ja-JP", "en-GB"))
  return {
    facts: [
      [pick(language, "会社名", "Company"), facts.companyName],
      [pick(language, "ログインID", "Login ID"), facts.loginId],
      [pick(language, "製品/サービス", "Product/service"), license.productName],
      [pick(language, "パッケージ", "Package"), license.packageName],
      [pick(language, "シート", "Seats"), number.format(license.seats)],
      [
        pick(language, "ライセンス種別", "Licence type"),
        license.licenseType === "full" ? pick(language, "製品版", "Full") : pick(language, "体験版", "Trial"),
      ],
      [pick(language, "有効期限", "Expiry date"), formatCalendarDate(language, license.expiresOn)],
      [pick(language, "製品キー", "Product key"), license.maskedKey],
    ],
  }
}

const licenseMail = (
  language: MailLanguage,
  brand: Brand,
  facts: LicenseMailFacts,
  subject: string,
  news: string,
) =>
  compose(
    language,
    subject,
    [
      greeting(language),
      {
        lines: [
          pick(
            language,
            `${brand.name}製品をご利用いただきありがとうございます。`,
            `Thank you for choosing ${brand.name}.`,
          ),
          news,
        ],
      },
      licenseFacts(language, facts),
      {
        lines: [
          pick(
            language,
            "ライセンスの確認や製品の追加は、次のポータルから行えます：",
            "To view your licences or add products, log in to the portal:",
          ),
        ],
        link: { url: brand.portalUrl, button: pick(language, "ポータルにログイン", "Log in to the portal") },
      },
      supportBlock(language, brand),
    ],
    automaticFooter(
      language,
      brand,
      pick(
        language,
        "このメールは、サポート窓口として登録されたメールアドレス宛にお送りしています。",
        "This e-mail was sent to the address registered as the support contact.",
      ),
    ),
  )

/** An account was created with its first key (manual §2 Step5). */
export const registrationComplete = (
  language: MailLanguage,
  brand: Brand,
  facts: LicenseMailFacts,
): RenderedMail => {
  const product = facts.license.productName
  return licenseMail(
    language,
    brand,
    facts,
    pick(
      language,
      `【${brand.name}】${product} 製品登録完了のお知らせ`,
      `[${brand.name}] ${product} registration complete`,
    ),
    pick(
      language,
      `アカウントが作成され、${product}のライセンスが追加されました。`,
      `Your account has been created and the licence for ${product} has been added.`,
    ),
  )
}

/** A key was added to an existing account (manual §5.1). */
export const productAdded = (language: MailLanguage, brand: Brand, facts: LicenseMailFacts): RenderedMail => {
  const product = facts.license.productName
  return licenseMail(
    language,
    brand,
    facts,
    pick(
      language,
      `【${brand.name}】${product} 製品追加のお知らせ`,
      `[${brand.name}] ${product} added to your account`,
    ),
    pick(
      language,
      `お客様のアカウントに${product}のライセンスが追加されました。`,
      `A licence for ${product} has been added to your account.`,
    ),
  )
}

// --- account mails ---------------------------------------------------------------------------------------------------

const partNames: Record<AccountPart, { readonly ja: string; readonly en: string }> = {
  user: { ja: "ユーザ登録情報", en: "user registration details" },
  contractor: { ja: "ご契約者情報", en: "contractor details" },
  supportContact: { ja: "サポート窓口情報", en: "support contact details" },
}

/** User, contractor or support-contact data was saved (manual §6.1, §6.2; the subject is the manual's). */
export const accountInformationChanged = (
  language: MailLanguage,
  brand: Brand,
  change: ChangeTime & { readonly part: AccountPart },
): RenderedMail => {
  const part = partNames[change.part]
  return compose(
    language,
    pick(
      language,
      `お客様の${brand.name}アカウント情報が変更されました`,
      `Your ${brand.name} account information has been changed`,
    ),
    [
      greeting(language),
      {
        lines: [
          pick(
            language,
            `お客様の${brand.name}アカウントの${part.ja}が変更されました。`,
            `The ${part.en} of your ${brand.name} account have been changed.`,
          ),
        ],
      },
      { facts: [changedAtFact(language, change)] },
      notMeBlock(language, brand),
    ],
    automaticFooter(language, brand),
  )
}

/** The manual's reset mail is missing (§4.4 Step4); the login ID is printed because this is how a forgotten one is found. */
export const passwordResetLink = (
  language: MailLanguage,
  brand: Brand,
  reset: { readonly loginId: string; readonly link: string; readonly validMinutes: number },
): RenderedMail => {
  const minutes = reset.validMinutes
  return compose(
    language,
    pick(language, `【${brand.name}】パスワードのリセット`, `[${brand.name}] Reset your password`),
    [
      greeting(language),
      {
        lines: [
          pick(
            language,
            `お客様の${brand.name}アカウントについて、パスワードのリセットのリクエストを受け付けました。`,
            `We received a request to reset the password of your ${brand.name} account.`,
          ),
        ],
      },
      { facts: [[pick(language, "ログインID", "Login ID"), reset.loginId]] },
      {
        lines: [
          pick(
            language,
            "次のリンクから新しいパスワードを設定してください：",
            "Set a new password with this link:",
          ),
        ],
        link: { url: reset.link, button: pick(language, "パスワードをリセット", "Reset your password") },
      },
      {
        lines: [
          pick(
            language,
            `このリンクの有効期限は${minutes}分間です。リンクは1回のみ使用できます。`,
            `The link is valid for ${minutes} ${minutes === 1 ? "minute" : "minutes"} and can be used only once.`,
          ),
          pick(
            language,
            "このリクエストにお心当たりがない場合は、このメールを破棄してください。パスワードは変更されません。",
            "If you did not ask for this, ignore this e-mail; your password stays unchanged.",
          ),
        ],
      },
    ],
    automaticFooter(language, brand),
  )
}

/**
 * The manual's body, verbatim (§4.4 Step6), with the brand in place of the vendor's name, URL and copyright holder;
 * added: when it happened, and what to do if it was not the customer. The copyright year is the change's, which
 * keeps the function pure.
 */
export const passwordChanged = (language: MailLanguage, brand: Brand, change: ChangeTime): RenderedMail => {
  const { year } = zonedParts(change.changedAt, change.timeZone)
  return compose(
    language,
    pick(language, "お客様のパスワードが変更されました。", "Your password has been changed."),
    [
      greeting(language),
      { lines: [pick(language, "お客様のパスワードが変更されました。", "Your password has been changed.")] },
      { facts: [changedAtFact(language, change)] },
      {
        lines: [
          pick(
            language,
            "この変更にお心当たりがない場合は、ただちに次のポータルでパスワードをリセットし、サポートにお問い合わせください：",
            "If you did not make this change, reset your password on the portal at once and contact support:",
          ),
        ],
        link: { url: brand.portalUrl },
      },
      supportBlock(language, brand),
    ],
    [
      brand.name,
      `© ${year} ${brand.name}. All rights reserved.`,
      pick(
        language,
        `このメッセージは${brand.name}の登録サービスから自動的に送信されています。このメッセージには返信しないでください。`,
        `This message was sent automatically by the ${brand.name} registration service. Please do not reply to it.`,
      ),
    ],
  )
}

/**
 * Sent to both addresses. The old one sees the new address only masked: it may be the mailbox an attacker no longer
 * needs. It is told to contact support rather than reset the password, since a reset mail would now go to the new one.
 */
export const emailAddressChanged = (
  language: MailLanguage,
  brand: Brand,
  change: ChangeTime & {
    readonly recipient: "old" | "new"
    readonly oldAddress: string
    readonly newAddress: string
  },
): RenderedMail => {
  const news: ReadonlyArray<Block> =
    change.recipient === "old"
      ? [
          {
            lines: [
              pick(
                language,
                `お客様の${brand.name}アカウントのメールアドレスが ${maskEmail(change.newAddress)} に変更されました。`,
                `The e-mail address of your ${brand.name} account was changed to ${maskEmail(change.newAddress)}.`,
              ),
            ],
          },
          { facts: [changedAtFact(language, change)] },
          {
            lines: [
              pick(
                language,
                "この変更にお心当たりがない場合は、ただちに次のWebサイトからサポートにお問い合わせください：",
                "If you did not make this change, contact support at once:",
              ),
            ],
            link: { url: brand.supportUrl },
          },
        ]
      : [
          {
            lines: [
              pick(
                language,
                `このメールアドレス（${change.newAddress}）が、お客様の${brand.name}アカウントのメールアドレスとして登録されました。`,
                `This address (${change.newAddress}) is now the e-mail address of your ${brand.name} account.`,
              ),
              pick(
                language,
                "今後、パスワードのリセットなどのご案内はこのアドレスにお送りします。",
                "From now on, password resets and other notices will be sent here.",
              ),
            ],
          },
          { facts: [changedAtFact(language, change)] },
          notMeBlock(language, brand),
        ]
  return compose(
    language,
    pick(
      language,
      `【${brand.name}】メールアドレス変更のお知らせ`,
      `[${brand.name}] Your e-mail address was changed`,
    ),
    [greeting(language), ...news],
    automaticFooter(language, brand),
  )
}
