// The move of the Password Manager's items into ID Protection (manual 000, decision 56): read and
// decrypted here with the Password Manager's key, re-encrypted with ID Protection's, uploaded as one
// import. What ID Protection cannot hold is listed back, never dropped in silence.
import type { VaultItemContent } from "../crypto/vault-crypto.js"
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
 * What one import request carries at most: under the route's 8 MiB, with room for the JSON around
 * the ciphertexts. A larger Password Manager vault goes up as several imports, each whole; one cut
 * short by a crash is completed by the next run, which adds nothing twice (decision 56).
 */
export const importBatchBytes = 6 * 1024 * 1024

// Ids, the nonce and the JSON around one item's ciphertext, generously.
const itemOverheadBytes = 256

type Movable = { readonly sourceItemId: string; readonly content: VaultItemContent; readonly size: number }

const inBatches = (items: ReadonlyArray<Movable>, limit: number) => {
  const batches: Array<Array<Movable>> = [[]]
  let size = 0
  for (const item of items) {
    const current = batches[batches.length - 1]!
    if (current.length > 0 && size + item.size > limit) {
      batches.push([item])
      size = item.size
    } else {
      current.push(item)
      size += item.size
    }
  }
  return batches
}

/**
 * `from` is the unlocked Password Manager vault (readable after that product's end too), `into`
 * the unlocked ID Protection vault. Running it again adds only what the earlier runs did not.
 */
export const importFromPasswordManager = async (input: {
  readonly from: VaultSession
  readonly into: VaultSession
  /** The most one request carries (`importBatchBytes` unless told). */
  readonly batchBytes?: number
}): Promise<PasswordManagerImport> => {
  const { from, into } = input
  if (from.product !== "password-manager" || into.product !== "id-protection") {
    throw new TypeError("importFromPasswordManager reads a Password Manager vault into an ID Protection one")
  }
  const movable: Array<Movable> = []
  const notMoved: Array<NotMovedItem> = []
  for (const record of await from.records()) {
    const { itemId } = record
    try {
      const { content } = await from.open(record)
      // The same contents, padded the same way, encrypt to a ciphertext of the same length.
      const size = record.ciphertext.length + itemOverheadBytes
      if (holds(into.product, content.kind)) movable.push({ sourceItemId: itemId, content, size })
      else notMoved.push({ itemId, title: content.title, kind: content.kind, reason: "kind-not-supported" })
    } catch (error) {
      if (!(error instanceof VaultDecryptionFailed)) throw error
      notMoved.push({ itemId, title: "", kind: "unknown", reason: "unreadable" })
    }
  }
  let imported = 0
  let alreadyThere = 0
  for (const [i, batch] of inBatches(movable, input.batchBytes ?? importBatchBytes).entries()) {
    const answer = await into.importItems({
      fromProduct: from.product,
      items: batch,
      // Counted once, with the first import of the run.
      notMoved: i === 0 ? notMoved.length : 0,
    })
    imported += answer.imported
    alreadyThere += answer.alreadyThere
  }
  return { imported, alreadyThere, notMoved }
}
