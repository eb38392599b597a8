import { Context, type Effect, type Option } from "effect"

/** An item as a device reads it back: its ciphertext and what it needs to decrypt it. */
export interface VaultItem {
  readonly itemId: string
  readonly version: number
  readonly dataKeyVersion: number
  readonly iv: string
  readonly ciphertext: string
  readonly updatedAt: string
}

/** A page of items in item-id order; `next` is the `after` of the following page, absent on the last. */
export interface VaultItemPage {
  readonly items: ReadonlyArray<VaultItem>
  readonly next?: string
}

/**
 * The vault's items as the read model holds them (the latest save of every live item). The key
 * check is the vault stream's: these read nothing the caller has not been allowed to see.
 */
export interface VaultItemsApi {
  /** Items whose id sorts after `after`, at most `limit` (keyset on the item id). */
  readonly page: (
    vaultId: string,
    request: { readonly after?: string | undefined; readonly limit: number },
  ) => Effect.Effect<VaultItemPage>
  readonly get: (vaultId: string, itemId: string) => Effect.Effect<Option.Option<VaultItem>>
  /** When any item of the vault was last saved; none for a vault without items. */
  readonly lastChangedAt: (vaultId: string) => Effect.Effect<Option.Option<string>>
}

export class VaultItems extends Context.Tag("application/VaultItems")<VaultItems, VaultItemsApi>() {}
