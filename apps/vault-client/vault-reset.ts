// The customer's reset: for a lost client key, so it needs none (the password, and a 2FA code when on).
import type { VaultAccess } from "./vault-session.js"

/** Deletes every vault item and the key envelope on the server, and forgets the key here. */
export const resetVault = async (
  access: Pick<VaultAccess, "api" | "product" | "keyStore"> & {
    readonly password: string
    readonly code?: string
    /** What the customer typed to confirm; the server refuses anything but `RESET`. */
    readonly confirmation: string
  },
) => {
  const answer = await access.api.reset(access.product, {
    password: access.password,
    confirmation: access.confirmation as "RESET",
    ...(access.code === undefined ? {} : { code: access.code }),
  })
  await access.keyStore?.remove(access.product)
  return answer
}
