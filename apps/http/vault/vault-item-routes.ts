import { Effect, Schema } from "effect"
import { defaultPageLimit, maxPageLimit, PageLimitFromString } from "../../../application/platform/page.js"
import {
  deleteVaultItem,
  exportVault,
  listVaultItems,
  readVaultItem,
  saveVaultItem,
} from "../../../application/vault/index.js"
import { sessionOf } from "../sessions/session-of.js"
import { defineRoute } from "../shell/route.js"
import {
  basePath,
  itemFailures,
  keyProofHeader,
  keyProofOf,
  noStore,
  ProductParams,
  tags,
  vaultFailures,
} from "./vault-request.js"
import {
  SaveVaultItemRequest,
  SaveVaultItemResponse,
  VaultExportBundle,
  VaultItemPage,
  VaultItemRecord,
  VaultProduct,
} from "./vault-wire.js"

const itemsPath = `${basePath}/items`
const itemPath = `${itemsPath}/:itemId`

const ItemParams = Schema.Struct({
  product: VaultProduct,
  itemId: Schema.UUID.annotations({ description: "The item's id, a UUID its first device made" }),
})

// Not secrets, but no log needs them: which items a vault has and how often each changes is the
// customer's business. The access log shows `:itemId`.
const secretParams = ["itemId"]

// Keyset pages in item-id order: `after` is the last item id of the page before.
const ItemPageQuery = Schema.Struct({
  limit: Schema.optionalWith(
    PageLimitFromString(maxPageLimit).annotations({
      description: `How many items, 1 to ${maxPageLimit}; ${defaultPageLimit} when left out`,
    }),
    { exact: true },
  ),
  after: Schema.optionalWith(
    Schema.UUID.annotations({ description: "The `next` of the previous page: the list resumes after it" }),
    { exact: true },
  ),
})

const DeleteQuery = Schema.Struct({
  baseVersion: Schema.NumberFromString.pipe(Schema.int(), Schema.positive()).annotations({
    description: "The version being deleted: another device's later save makes the delete a conflict",
  }),
})

/** The vault's items: ciphertexts the server stores and never opens. */
export const vaultItemRoutes = [
  defineRoute({
    method: "GET",
    path: itemsPath,
    summary: "A page of the vault's items (ciphertexts), in item-id order",
    tags,
    params: ProductParams,
    query: ItemPageQuery,
    headers: keyProofHeader,
    responses: { 200: { description: "The items", schema: VaultItemPage } },
    failures: {
      RateLimited: vaultFailures.RateLimited,
      SessionInvalid: true,
      VaultKeyIncorrect: true,
      VaultKeyProofRequired: true,
      VaultKeyStale: true,
      VaultNotActivated: true,
    },
    handler: ({ params, query, request }) =>
      Effect.gen(function* () {
        const session = yield* sessionOf(request)
        const keyProof = yield* keyProofOf(request)
        const page = yield* listVaultItems(session.accountId, params.product, keyProof, {
          after: query.after,
          limit: query.limit ?? defaultPageLimit,
        })
        return { status: 200, body: page, headers: noStore }
      }),
  }),
  defineRoute({
    method: "GET",
    path: itemPath,
    summary: "One item (its ciphertext and version)",
    tags,
    params: ItemParams,
    secretParams,
    headers: keyProofHeader,
    responses: { 200: { description: "The item", schema: VaultItemRecord } },
    failures: {
      RateLimited: vaultFailures.RateLimited,
      SessionInvalid: true,
      VaultItemNotFound: true,
      VaultKeyIncorrect: true,
      VaultKeyProofRequired: true,
      VaultKeyStale: true,
      VaultNotActivated: true,
    },
    handler: ({ params, request }) =>
      Effect.gen(function* () {
        const session = yield* sessionOf(request)
        const keyProof = yield* keyProofOf(request)
        const item = yield* readVaultItem(session.accountId, params.product, keyProof, params.itemId)
        return { status: 200, body: item, headers: noStore }
      }),
  }),
  defineRoute({
    method: "PUT",
    path: itemPath,
    summary: "Save an item: new with `baseVersion` 0, else on top of the version it was read at",
    description:
      "The ciphertext binds the item id and the saved version (`baseVersion + 1`) as associated data. A save on a version another device replaced is a 409 `vault-item-conflict` with the current version: nothing is overwritten silently.",
    tags,
    params: ItemParams,
    secretParams,
    body: SaveVaultItemRequest,
    headers: keyProofHeader,
    responses: {
      201: { description: "Created", schema: SaveVaultItemResponse },
      200: { description: "Saved", schema: SaveVaultItemResponse },
    },
    failures: { ...vaultFailures, ...itemFailures, ProductReadOnly: true, VaultKeyProofRequired: true },
    handler: ({ params, body, request }) =>
      Effect.gen(function* () {
        const session = yield* sessionOf(request)
        const keyProof = yield* keyProofOf(request)
        const saved = yield* saveVaultItem(
          session.accountId,
          params.product,
          keyProof,
          params.itemId,
          body,
          session.metadata,
        )
        return { status: body.baseVersion === 0 ? 201 : 200, body: saved }
      }),
  }),
  defineRoute({
    method: "DELETE",
    path: itemPath,
    summary: "Delete an item; every version it had is erased from the log",
    tags,
    params: ItemParams,
    secretParams,
    query: DeleteQuery,
    headers: keyProofHeader,
    responses: { 204: { description: "Deleted" } },
    failures: { ...vaultFailures, ...itemFailures, ProductReadOnly: true, VaultKeyProofRequired: true },
    handler: ({ params, query, request }) =>
      Effect.gen(function* () {
        const session = yield* sessionOf(request)
        const keyProof = yield* keyProofOf(request)
        yield* deleteVaultItem(
          session.accountId,
          params.product,
          keyProof,
          params.itemId,
          query.baseVersion,
          session.metadata,
        )
        return { status: 204 }
      }),
  }),
  defineRoute({
    method: "POST",
    path: `${basePath}/export`,
    summary: "Export the vault: its wrapped key and every item's ciphertext, to decrypt offline",
    description:
      "The client library opens the bundle with the client key (`openExportBundle`) and writes it as CSV or JSON on the device; the server never sees an item in clear. Each export is recorded (`VaultExported`). After the product's end: 409 `export-disabled`.",
    tags,
    params: ProductParams,
    headers: keyProofHeader,
    responses: {
      200: {
        description: "The bundle",
        schema: VaultExportBundle,
        headers: {
          "Content-Disposition": { description: "attachment; the file name names the product and day" },
        },
      },
    },
    failures: { ...vaultFailures, ExportDisabled: true, VaultKeyProofRequired: true },
    handler: ({ params, request }) =>
      Effect.gen(function* () {
        const session = yield* sessionOf(request)
        const keyProof = yield* keyProofOf(request)
        const bundle = yield* exportVault(session.accountId, params.product, keyProof, session.metadata)
        return {
          status: 200,
          body: bundle,
          headers: {
            ...noStore,
            "content-disposition": `attachment; filename="${params.product}-export-${bundle.exportedAt.slice(0, 10)}.json"`,
          },
        }
      }),
  }),
]
