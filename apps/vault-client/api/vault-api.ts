// A typed client of the vault routes. It only moves JSON: keys and plaintext never reach it, only
// what `crypto/` made of them. Any fetch works (the platform's, or Hono's `app.request` in tests).
import { VaultProblem } from "../errors.js"
import {
  type ActivateVaultRequest,
  type ActivateVaultResponse,
  keyProofHeader,
  type Problem,
  type ResetVaultRequest,
  type ResetVaultResponse,
  type RotateVaultKeyRequest,
  type RotateVaultKeyResponse,
  type SaveVaultItemRequest,
  type SaveVaultItemResponse,
  type UnlockVaultRequest,
  type UnlockVaultResponse,
  type VaultExportBundle,
  type VaultImportRequest,
  type VaultImportResponse,
  type VaultItemPage,
  type VaultItemRecord,
  type VaultProduct,
  type VaultStatus,
} from "./wire.js"

export type Fetch = (url: string, init: RequestInit) => Promise<Response>

export interface VaultApiOptions {
  /** Where the API lives, e.g. `https://accounts.example` (the routes start with `/v1/account/vault`). */
  readonly baseUrl: string
  readonly fetch?: Fetch
  /** Sent on every request: `authorization: Bearer …`, or the portal's CSRF token. */
  readonly headers?: Readonly<Record<string, string>> | (() => Readonly<Record<string, string>>)
  /** The routes' prefix; the portal's cookie bridge serves the same routes elsewhere. */
  readonly prefix?: string
}

export interface VaultApi {
  status(product: VaultProduct): Promise<VaultStatus>
  activate(product: VaultProduct, body: ActivateVaultRequest): Promise<ActivateVaultResponse>
  unlock(product: VaultProduct, body: UnlockVaultRequest): Promise<UnlockVaultResponse>
  listItems(
    product: VaultProduct,
    keyProof: string,
    page?: { after?: string; limit?: number },
  ): Promise<VaultItemPage>
  getItem(product: VaultProduct, keyProof: string, itemId: string): Promise<VaultItemRecord>
  saveItem(
    product: VaultProduct,
    keyProof: string,
    itemId: string,
    body: SaveVaultItemRequest,
  ): Promise<SaveVaultItemResponse>
  deleteItem(product: VaultProduct, keyProof: string, itemId: string, baseVersion: number): Promise<void>
  rotateKey(
    product: VaultProduct,
    keyProof: string,
    body: RotateVaultKeyRequest,
  ): Promise<RotateVaultKeyResponse>
  reset(product: VaultProduct, body: ResetVaultRequest): Promise<ResetVaultResponse>
  exportVault(product: VaultProduct, keyProof: string): Promise<VaultExportBundle>
  importItems(product: VaultProduct, keyProof: string, body: VaultImportRequest): Promise<VaultImportResponse>
}

interface Call {
  readonly method: "GET" | "POST" | "PUT" | "DELETE"
  readonly path: string
  readonly body?: unknown
  readonly keyProof?: string
}

const isProblem = (value: unknown): value is Problem =>
  typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string"

export const createVaultApi = (options: VaultApiOptions): VaultApi => {
  const doFetch: Fetch = options.fetch ?? ((url, init) => globalThis.fetch(url, init))
  const base = `${options.baseUrl.replace(/\/$/, "")}${options.prefix ?? "/v1/account/vault"}`

  const call = async <A>(c: Call): Promise<A> => {
    const extra = typeof options.headers === "function" ? options.headers() : (options.headers ?? {})
    const headers: Record<string, string> = { accept: "application/json, application/problem+json", ...extra }
    if (c.body !== undefined) headers["content-type"] = "application/json"
    if (c.keyProof !== undefined) headers[keyProofHeader] = c.keyProof
    // A fresh key per call: the server then answers a retried POST once, not twice.
    if (c.method === "POST") headers["Idempotency-Key"] = globalThis.crypto.randomUUID()
    const init: RequestInit = { method: c.method, headers }
    if (c.body !== undefined) init.body = JSON.stringify(c.body)
    const response = await doFetch(`${base}${c.path}`, init)
    if (response.status === 204) return undefined as A
    const text = await response.text()
    const json: unknown = text === "" ? undefined : JSON.parse(text)
    if (!response.ok) {
      throw new VaultProblem(
        response.status,
        isProblem(json)
          ? json
          : { type: "about:blank", title: response.statusText || "request failed", status: response.status },
      )
    }
    return json as A
  }

  const items = (product: VaultProduct) => `/${product}/items`
  const one = (product: VaultProduct, itemId: string) => `${items(product)}/${encodeURIComponent(itemId)}`

  return {
    status: (product) => call({ method: "GET", path: `/${product}` }),
    activate: (product, body) => call({ method: "POST", path: `/${product}`, body }),
    unlock: (product, body) => call({ method: "POST", path: `/${product}/unlock`, body }),
    listItems: (product, keyProof, page = {}) => {
      const query = new URLSearchParams()
      if (page.after !== undefined) query.set("after", page.after)
      if (page.limit !== undefined) query.set("limit", String(page.limit))
      const q = query.toString()
      return call({ method: "GET", path: `${items(product)}${q === "" ? "" : `?${q}`}`, keyProof })
    },
    getItem: (product, keyProof, itemId) => call({ method: "GET", path: one(product, itemId), keyProof }),
    saveItem: (product, keyProof, itemId, body) =>
      call({ method: "PUT", path: one(product, itemId), body, keyProof }),
    deleteItem: (product, keyProof, itemId, baseVersion) =>
      call({ method: "DELETE", path: `${one(product, itemId)}?baseVersion=${baseVersion}`, keyProof }),
    rotateKey: (product, keyProof, body) =>
      call({ method: "POST", path: `/${product}/key-rotation`, body, keyProof }),
    reset: (product, body) => call({ method: "POST", path: `/${product}/reset`, body }),
    exportVault: (product, keyProof) => call({ method: "POST", path: `/${product}/export`, keyProof }),
    importItems: (product, keyProof, body) =>
      call({ method: "POST", path: `/${product}/imports`, body, keyProof }),
  }
}
