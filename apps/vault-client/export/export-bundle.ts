// Opening an export bundle on the customer's device, and writing what it holds as CSV or JSON. The
// bundle carries only ciphertexts and the wrapped vault key: the client key opens it, offline.
import type { VaultExportBundle, VaultProduct } from "../api/wire.js"
import { decryptItem, openEnvelope, type VaultItemContent } from "../crypto/vault-crypto.js"
import { ClientKeyMalformed, VaultDecryptionFailed, VaultExportUnreadable } from "../errors.js"
import { type ClientKey, parseClientKey } from "../key/client-key.js"
import type { VaultItem } from "../vault-session.js"

export interface OpenedExport {
  readonly product: VaultProduct
  readonly vaultId: string
  readonly exportedAt: string
  readonly items: ReadonlyArray<VaultItem>
  /**
   * Items the key opened the bundle for but that did not decrypt (damaged in storage or on the way):
   * left out of `items` and named here, so that one of them does not cost the customer the others.
   */
  readonly unreadable: ReadonlyArray<{ readonly itemId: string; readonly version: number }>
}

const keyOf = (clientKey: string | ClientKey): ClientKey => {
  const parsed = parseClientKey(typeof clientKey === "string" ? clientKey : clientKey.canonical)
  if (!parsed.ok) {
    throw new ClientKeyMalformed(parsed.reason, parsed.reason === "character" ? parsed.position : undefined)
  }
  return parsed.key
}

/**
 * Every item of the bundle, decrypted with the client key (the one its emergency kit shows). A
 * wrong key fails as `VaultDecryptionFailed`; a file that is not a bundle of this version, as
 * `VaultExportUnreadable`; an item that alone does not decrypt is listed in `unreadable`.
 */
export const openExportBundle = async (
  bundle: VaultExportBundle,
  clientKey: string | ClientKey,
): Promise<OpenedExport> => {
  if (bundle?.format !== "portcullis.vault-export") throw new VaultExportUnreadable("format")
  if (bundle.formatVersion !== 1) throw new VaultExportUnreadable("version")
  const { product, vaultId, keyVersion, dataKeyVersion } = bundle
  const vaultKey = await openEnvelope(keyOf(clientKey), bundle.envelope, {
    product,
    vaultId,
    keyVersion,
    dataKeyVersion,
  })
  const items: Array<VaultItem> = []
  const unreadable: Array<{ itemId: string; version: number }> = []
  for (const record of bundle.items) {
    const context = {
      vaultId,
      itemId: record.itemId,
      version: record.version,
      dataKeyVersion: record.dataKeyVersion,
    }
    try {
      const content = await decryptItem(vaultKey, context, record)
      items.push({ itemId: record.itemId, version: record.version, updatedAt: record.updatedAt, content })
    } catch (error) {
      if (!(error instanceof VaultDecryptionFailed)) throw error
      unreadable.push({ itemId: record.itemId, version: record.version })
    }
  }
  return { product, vaultId, exportedAt: bundle.exportedAt, items, unreadable }
}

const columns = ["kind", "title", "username", "password", "url", "notes"] as const

const cellsOf = (content: VaultItemContent): Record<(typeof columns)[number], string> => {
  const blank = { username: "", password: "", url: "" }
  switch (content.kind) {
    case "login":
      return {
        kind: "login",
        title: content.title,
        username: content.username ?? "",
        password: content.password ?? "",
        url: content.url ?? "",
        notes: content.notes ?? "",
      }
    case "note":
      return { kind: "note", title: content.title, ...blank, notes: content.text }
    case "form":
      // One "label: value" line per field, which another manager's import keeps as a note.
      return {
        kind: "form",
        title: content.title,
        ...blank,
        notes: content.fields.map((f) => `${f.label}: ${f.value}`).join("\n"),
      }
  }
}

// RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. Values are
// written as they are (a password starting with "=" stays one): the file is for another password
// manager's import, not for a spreadsheet.
const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value)

/** The items as CSV (RFC 4180, CRLF, a header row): logins' columns, a note's text under `notes`. */
export const exportToCsv = (opened: Pick<OpenedExport, "items">): string =>
  [
    columns.join(","),
    ...opened.items.map((item) => {
      const cells = cellsOf(item.content)
      return columns.map((column) => field(cells[column])).join(",")
    }),
  ]
    .map((line) => `${line}\r\n`)
    .join("")

/** The items as JSON: the product, when exported, and each item's content with its id and date. */
export const exportToJson = (opened: OpenedExport): string =>
  `${JSON.stringify(
    {
      product: opened.product,
      exportedAt: opened.exportedAt,
      items: opened.items.map((item) => ({ id: item.itemId, updatedAt: item.updatedAt, ...item.content })),
    },
    null,
    2,
  )}\n`
