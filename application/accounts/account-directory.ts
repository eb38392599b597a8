import { Context, type Effect, type Option } from "effect"
import type { AccountKind } from "../../domain/accounts/account.js"
import type { CountedPage, InvalidCursor, PageRequest } from "../platform/page.js"

/** An account as support and look-ups see it (the read model; decisions load the stream). */
export interface AccountSummary {
  readonly accountId: string
  readonly kind: AccountKind
  /** A personal account's is its e-mail address. */
  readonly loginId: string
  readonly email: string
  /** Empty for a personal account, which has no company or contact person. */
  readonly companyName: string
  readonly contactName: string
  readonly language: "ja" | "en"
  readonly timeZone: string
  readonly registeredAt: string
  readonly updatedAt: string
}

export interface AccountDirectoryApi {
  readonly byLoginIdKey: (loginIdKey: string) => Effect.Effect<Option.Option<AccountSummary>>
  /** Several accounts may share an address. */
  readonly byEmail: (email: string) => Effect.Effect<ReadonlyArray<AccountSummary>>
  readonly byId: (accountId: string) => Effect.Effect<Option.Option<AccountSummary>>
  /** The account whose pending password reset has this token digest. */
  readonly accountForResetToken: (tokenDigest: string) => Effect.Effect<Option.Option<string>>
  /**
   * Newest first (ties by account id), a page at a time; the cursor is an account id.
   * `search` matches login ID, e-mail or company name, case-insensitively; the total counts the matches.
   */
  readonly list: (
    options: PageRequest & { readonly search?: string | undefined },
  ) => Effect.Effect<CountedPage<AccountSummary>, InvalidCursor>
}

export class AccountDirectory extends Context.Tag("application/AccountDirectory")<
  AccountDirectory,
  AccountDirectoryApi
>() {}
