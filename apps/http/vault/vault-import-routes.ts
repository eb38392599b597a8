import { Effect } from "effect"
import { importIntoVault } from "../../../application/vault/index.js"
import { sessionOf } from "../sessions/session-of.js"
import { defineRoute } from "../shell/route.js"
import {
  basePath,
  itemFailures,
  keyProofHeader,
  keyProofOf,
  ProductParams,
  tags,
  vaultFailures,
} from "./vault-request.js"
import { keyRotationBodyLimitBytes } from "./vault-routes.js"
import { VaultImportRequest, VaultImportResponse } from "./vault-wire.js"

/** The move of another product's items into this vault (docs/vault.md "Import", decision 56). */
export const vaultImportRoutes = [
  defineRoute({
    method: "POST",
    path: `${basePath}/imports`,
    summary: "Import items of another product's vault (the Password Manager's), re-encrypted by the client",
    description:
      "The client read the source vault, decrypted it with that vault's key and re-encrypted what this vault can hold; the header proves this vault's key. One append: every new item or none. A source imported before is counted in `alreadyThere`, not added twice; sent again with the same `importId`, the same answer. The source is only read, so this works after its product's end. Body up to 8 MiB, as a rotation's.",
    tags,
    params: ProductParams,
    body: VaultImportRequest,
    headers: keyProofHeader,
    bodyLimitBytes: keyRotationBodyLimitBytes,
    responses: { 200: { description: "Imported, or already there", schema: VaultImportResponse } },
    failures: { ...vaultFailures, ...itemFailures, ProductReadOnly: true, VaultKeyProofRequired: true },
    handler: ({ params, body, request }) =>
      Effect.gen(function* () {
        const session = yield* sessionOf(request)
        const keyProof = yield* keyProofOf(request)
        const result = yield* importIntoVault(
          session.accountId,
          params.product,
          keyProof,
          body,
          session.metadata,
        )
        return { status: 200, body: result }
      }),
  }),
]
