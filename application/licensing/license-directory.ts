import { Context, type Effect, type Option } from "effect"
import type { ProductDetails } from "../../domain/catalog/product.js"
import type { LicenseTerms } from "../../domain/licensing/license-events.js"
import type { KeyKind } from "../../domain/licensing/product-key.js"
import type { CountedPage, InvalidCursor, PageRequest } from "../platform/page.js"

/** A key and its licence as the read model holds them, with its product's catalogue entry. */
export interface LicenseRecord extends LicenseTerms {
  readonly keyHash: string
  /** The key sealed under the server key; opened only to show it to its owner. */
  readonly sealedKey: string
  readonly kind: KeyKind
  readonly product: ProductDetails | undefined
  readonly issuedAt: string
  readonly accountId: string | null
  readonly registeredAt: string | null
  readonly suspended: boolean
}

export interface LicenseListContext {
  readonly timeZone: string
  readonly version: string
}

export interface LicenseDirectoryApi {
  /** In the order they were registered. */
  readonly forAccount: (accountId: string) => Effect.Effect<ReadonlyArray<LicenseRecord>>
  /**
   * What the account's licence list depends on, in one cheap read (it is made on every list): the
   * account's time zone, and a version that changes whenever the list would (a licence added to
   * the account or changed, the catalogue changed, the zone changed). None: no such account.
   */
  readonly listContext: (accountId: string) => Effect.Effect<Option.Option<LicenseListContext>>
  readonly byKeyHash: (keyHash: string) => Effect.Effect<Option.Option<LicenseRecord>>
  /**
   * The accounts holding a registered licence of the product, by account id after `after`, a page
   * at a time: the notice of a product's end goes to each once.
   */
  readonly holdersOf: (
    productId: string,
    page: { readonly after: string | undefined; readonly limit: number },
  ) => Effect.Effect<ReadonlyArray<string>>
  /** Support view: newest issued first (ties by licence id), a page at a time; the cursor is a licence id. */
  readonly list: (
    options: PageRequest & { readonly accountId?: string | undefined },
  ) => Effect.Effect<CountedPage<LicenseRecord>, InvalidCursor>
}

export class LicenseDirectory extends Context.Tag("application/LicenseDirectory")<
  LicenseDirectory,
  LicenseDirectoryApi
>() {}
