// The move of the Password Manager's items into ID Protection (manual 000, decision 55): read and
// decrypted here with the Password Manager's key, re-encrypted with ID Protection's, uploaded as one
// import. What ID Protection cannot hold is listed back, never dropped in silence.
import { VaultDecryptionFailed } from "../errors.js"
import type { VaultSession } from "../vault-session.js"
import { holds } from "./item-kinds.js"

/** An item left in the Password Manager's vault, and why. */
export interface NotMovedItem {
  readonly itemId: string
  /** Empty when the item did not decrypt. */
  readonly title: string
  /** The item's kind, or `unknown` when it did not decrypt. */
  readonly kind: string
  readonly reason: "kind-not-supported" | "unreadable"
}

export interface PasswordManagerImport {
  /** Items this run added to ID Protection. */
  readonly imported: number
  /** Items an earlier run already brought: not added twice. */
  readonly alreadyThere: number
  readonly notMoved: ReadonlyArray<NotMovedItem>
}

/**
 * `from` is the unlocked Password Manager vault (readable after that product's end too), `into`
 * the unlocked ID Protection vault. Running it again adds only what the earlier runs did not.
 */
export const importFromPasswordManager = async (input: {
  readonly from: VaultSession
  readonly into: VaultSession
}): Promise<PasswordManagerImport> => {
  const { from, into } = input
  if (from.product !== "password-manager" || into.product !== "id-protection") {
    throw new TypeError("importFromPasswordManager reads a Password Manager vault into an ID Protection one")
  }
  const movable: Array<{
    sourceItemId: string
    content: Awaited<ReturnType<VaultSession["open"]>>["content"]
  }> = []
  const notMoved: Array<NotMovedItem> = []
  for (const record of await from.records()) {
    const { itemId } = record
    try {
      const { content } = await from.open(record)
      if (holds(into.product, content.kind)) movable.push({ sourceItemId: itemId, content })
      else notMoved.push({ itemId, title: content.title, kind: content.kind, reason: "kind-not-supported" })
    } catch (error) {
      if (!(error instanceof VaultDecryptionFailed)) throw error
      notMoved.push({ itemId, title: "", kind: "unknown", reason: "unreadable" })
    }
  }
  const answer = await into.importItems({
    fromProduct: from.product,
    items: movable,
    notMoved: notMoved.length,
  })
  return { imported: answer.imported, alreadyThere: answer.alreadyThere, notMoved }
}
