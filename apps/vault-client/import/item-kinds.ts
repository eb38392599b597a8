// Which item kinds each product's vault holds (decision 56). The server cannot tell, as the kind is
// inside the ciphertext: the client keeps to this table when it saves and when it imports.
import type { VaultProduct } from "../api/wire.js"
import type { VaultItemContent } from "../crypto/vault-crypto.js"
import { VaultItemKindUnsupported } from "../errors.js"

export type VaultItemKind = VaultItemContent["kind"]

export const kindsHeldBy: { readonly [P in VaultProduct]: ReadonlyArray<VaultItemKind> } = {
  "id-protection": ["login", "note"],
  "password-manager": ["login", "note", "form"],
}

/** A kind read from a ciphertext is only a string: one from a newer client may be unknown here. */
export const holds = (product: VaultProduct, kind: string): boolean =>
  (kindsHeldBy[product] as ReadonlyArray<string>).includes(kind)

export const assertHolds = (product: VaultProduct, content: VaultItemContent): void => {
  if (!holds(product, content.kind)) throw new VaultItemKindUnsupported(content.kind, product)
}
