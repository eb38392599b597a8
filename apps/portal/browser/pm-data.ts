// The Password Manager's data page: unlock with the password and the client key, the items read-only,
// the export as CSV (while the product offers it), and the import into this browser's ID Protection
// vault with the list of what it could not move.
import {
  ClientKeyNeeded,
  VaultDecryptionFailed,
  VaultNotActive,
  VaultProblem,
} from "../../vault-client/errors.js"
import { exportToCsv, openExportBundle } from "../../vault-client/export/export-bundle.js"
import {
  importFromPasswordManager,
  type NotMovedItem,
} from "../../vault-client/import/password-manager-import.js"
import { parseClientKey } from "../../vault-client/key/client-key.js"
import { unlockVault } from "../../vault-client/vault-open.js"
import type { VaultSession } from "../../vault-client/vault-session.js"
import {
  busy,
  download,
  fieldError,
  fill,
  generalProblem,
  notify,
  showStep,
  vaultPage,
} from "./vault-page.js"

const product = "password-manager" as const

const page = vaultPage()
if (page !== undefined) {
  const { root, texts, api, keyStore, device } = page
  const $ = <E extends Element>(selector: string) => root.querySelector<E>(selector)
  const passwordInput = document.getElementById("pm-password") as HTMLInputElement
  const keyInput = document.getElementById("pm-key") as HTMLInputElement
  let session: VaultSession | undefined
  // Kept while the page is open: the copy into ID Protection unlocks that vault with it.
  let password = ""
  const say = (kind: "error" | "success" | "info", text: string | undefined) => notify(root, "pm", kind, text)

  // A kind from a newer app, or an item that did not decrypt, is named as unknown.
  const kindName = (kind: string) =>
    (["login", "note", "form"].includes(kind) ? texts[kind] : texts.unknownKind) ?? ""
  const cell = (text: string) => {
    const td = document.createElement("td")
    td.textContent = text
    return td
  }
  // One item that does not decrypt is shown as unreadable, not a reason to show none of the others.
  const showItems = async (opened: VaultSession) => {
    const rows: Array<HTMLTableRowElement> = []
    for (const record of await opened.records()) {
      const content = await opened.open(record).then(
        (item) => item.content,
        (error: unknown) => {
          if (error instanceof VaultDecryptionFailed) return undefined
          throw error
        },
      )
      const row = document.createElement("tr")
      const name = document.createElement("th")
      name.scope = "row"
      name.textContent = content?.title ?? texts.untitled ?? ""
      row.append(
        name,
        cell(kindName(content?.kind ?? "unknown")),
        cell(content?.kind === "login" ? (content.username ?? "") : ""),
        cell(content?.kind === "login" ? (content.url ?? "") : ""),
      )
      rows.push(row)
    }
    $<HTMLElement>("[data-items]")?.replaceChildren(...rows)
    showStep(root, "items")
  }

  $<HTMLFormElement>("[data-unlock]")?.addEventListener("submit", (event) => {
    event.preventDefault()
    fieldError(passwordInput, undefined)
    fieldError(keyInput, undefined)
    const parsed = parseClientKey(keyInput.value)
    if (!parsed.ok) {
      fieldError(keyInput, texts.keyMistyped)
      keyInput.focus()
      return
    }
    const button = (event.target as HTMLFormElement).querySelector<HTMLButtonElement>("button[type=submit]")
    void busy(button, async () => {
      try {
        const typed = passwordInput.value
        const opened = await unlockVault({
          api,
          product,
          device,
          keyStore,
          password: typed,
          clientKey: parsed.key,
        })
        session = opened.session
        password = typed
        passwordInput.value = ""
        keyInput.value = ""
        say("info", undefined)
        await showItems(opened.session)
      } catch (error) {
        if (error instanceof VaultProblem && error.slug === "vault-key-incorrect")
          fieldError(keyInput, texts.wrongKey)
        else if (error instanceof VaultProblem && error.slug === "password-incorrect")
          fieldError(passwordInput, texts.passwordWrong)
        else say("error", generalProblem(texts, error))
      }
    })
  })

  const exportButton = $<HTMLButtonElement>("[data-export]")
  exportButton?.addEventListener("click", () => {
    if (session === undefined || root.dataset.export !== "allowed") return
    const current = session
    void busy(exportButton, async () => {
      try {
        const opened = await openExportBundle(await current.export(), current.clientKey)
        const day = opened.exportedAt.slice(0, 10)
        download({
          fileName: `password-manager-${day}.csv`,
          mediaType: "text/csv;charset=utf-8",
          bytes: new TextEncoder().encode(exportToCsv(opened)),
        })
        say(
          "success",
          opened.unreadable.length === 0
            ? texts.exported
            : `${texts.exported ?? ""}${fill(texts.exportedWithout ?? "", { k: opened.unreadable.length })}`,
        )
      } catch (error) {
        say(
          "error",
          error instanceof VaultProblem
            ? (error.problem.detail ?? error.message)
            : generalProblem(texts, error),
        )
      }
    })
  })

  const importButton = $<HTMLButtonElement>("[data-import]")
  importButton?.addEventListener("click", () => {
    if (session === undefined) return
    const from = session
    void busy(importButton, async () => {
      try {
        const target = await unlockVault({ api, product: "id-protection", device, keyStore, password })
        const result = await importFromPasswordManager({ from, into: target.session })
        showNotMoved(result.notMoved)
        const done =
          result.alreadyThere === 0
            ? fill(texts.imported ?? "", { n: result.imported })
            : fill(texts.importedAgain ?? "", { n: result.imported, m: result.alreadyThere })
        const left =
          result.notMoved.length === 0 ? "" : fill(texts.notMoved ?? "", { k: result.notMoved.length })
        say("success", `${done}${left}`)
      } catch (error) {
        if (error instanceof ClientKeyNeeded || error instanceof VaultNotActive) say("error", texts.needIdp)
        else say("error", generalProblem(texts, error))
      }
    })
  })

  /** The items left in the Password Manager, each with its kind and why: none is dropped unsaid. */
  const showNotMoved = (items: ReadonlyArray<NotMovedItem>) => {
    const rows = items.map((item) => {
      const row = document.createElement("tr")
      const name = document.createElement("th")
      name.scope = "row"
      name.textContent = item.title === "" ? (texts.untitled ?? "") : item.title
      const reason = item.reason === "unreadable" ? texts.unreadable : texts.kindNotSupported
      row.append(name, cell(kindName(item.kind)), cell(reason ?? ""))
      return row
    })
    $<HTMLElement>("[data-not-moved-items]")?.replaceChildren(...rows)
    const box = $<HTMLElement>("[data-not-moved]")
    if (box) box.hidden = rows.length === 0
  }
}
