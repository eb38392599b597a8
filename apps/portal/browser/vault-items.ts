// The unlocked vault's items: the list (titles decrypted in the page), and one item to add, edit or
// delete; a save another device made first loads the newest content to change again.
import type { VaultItemContent } from "../../vault-client/crypto/vault-crypto.js"
import { VaultProblem } from "../../vault-client/errors.js"
import type { VaultItem, VaultSession } from "../../vault-client/vault-session.js"
import { busy, fieldError, generalProblem, showStep, type Texts } from "./vault-page.js"

export interface ItemScreens {
  readonly root: HTMLElement
  readonly texts: Texts
  readonly session: () => VaultSession | undefined
  readonly say: (kind: "error" | "success" | "info", text: string | undefined) => void
  /** Handles the refusals of a stale or wrong key (the vault locks); true when it did. */
  readonly keyTrouble: (error: unknown) => boolean
}

/** Wires the list and the item form; answers how to show the list (after unlocking, or going back). */
export const itemScreens = (env: ItemScreens) => {
  const { root, texts, say, keyTrouble } = env
  const $ = <E extends Element>(selector: string) => root.querySelector<E>(selector)
  const input = (id: string) => document.getElementById(id) as HTMLInputElement
  let items: ReadonlyArray<VaultItem> = []
  let editing: VaultItem | undefined
  // == the list

  const kindName = (content: VaultItemContent) => (content.kind === "login" ? texts.login : texts.note) ?? ""

  const renderItems = () => {
    const list = $<HTMLUListElement>("[data-items]")!
    list.replaceChildren(
      ...[...items]
        .sort((a, b) => a.content.title.localeCompare(b.content.title))
        .map((item) => {
          const li = document.createElement("li")
          const open = document.createElement("button")
          open.type = "button"
          open.className = "link-button"
          open.textContent = item.content.title
          open.dataset.itemId = item.itemId
          open.addEventListener("click", () => edit(item))
          const kind = document.createElement("span")
          kind.className = "item-kind"
          kind.textContent = kindName(item.content)
          li.append(open, kind)
          return li
        }),
    )
    $<HTMLElement>("[data-items-empty]")!.hidden = items.length > 0
  }

  const showItems = async () => {
    const session = env.session()
    if (session === undefined) return
    items = await session.items()
    renderItems()
    showStep(root, "items")
  }

  // == an item

  const form = $<HTMLFormElement>("[data-item]")!
  const kind = document.getElementById("item-kind") as HTMLSelectElement
  const text = (id: string) => document.getElementById(id) as HTMLInputElement | HTMLTextAreaElement
  const showKind = () => {
    for (const part of form.querySelectorAll<HTMLElement>("[data-kind]"))
      part.hidden = part.dataset.kind !== kind.value
  }
  kind.addEventListener("change", showKind)

  const edit = (item: VaultItem | undefined) => {
    editing = item
    const c = item?.content
    kind.value = c?.kind ?? "login"
    text("item-title").value = c?.title ?? ""
    text("item-username").value = c?.kind === "login" ? (c.username ?? "") : ""
    text("item-password").value = c?.kind === "login" ? (c.password ?? "") : ""
    text("item-url").value = c?.kind === "login" ? (c.url ?? "") : ""
    text("item-notes").value = c?.kind === "login" ? (c.notes ?? "") : ""
    text("item-text").value = c?.kind === "note" ? c.text : ""
    fieldError(input("item-title"), undefined)
    $<HTMLButtonElement>("[data-delete]")!.hidden = item === undefined
    showKind()
    showStep(root, "item")
    input("item-title").focus()
  }

  const contentOfForm = (): VaultItemContent => {
    const title = text("item-title").value.trim()
    if (kind.value === "note") return { kind: "note", title, text: text("item-text").value }
    const optional = (name: "username" | "password" | "url" | "notes") => {
      const value = text(`item-${name}`).value
      return value === "" ? {} : { [name]: value }
    }
    return {
      kind: "login",
      title,
      ...optional("username"),
      ...optional("password"),
      ...optional("url"),
      ...optional("notes"),
    }
  }

  /** Someone else saved or deleted it first: the newest content, to change again. */
  const reloadEdited = async (itemId: string) => {
    const session = env.session()
    if (session === undefined) return
    try {
      const fresh = await session.get(itemId)
      edit(fresh)
      say("error", texts.conflict)
    } catch (error) {
      if (keyTrouble(error)) return
      say("error", texts.gone)
      await showItems()
    }
  }

  $<HTMLButtonElement>("[data-add]")!.addEventListener("click", () => {
    say("info", undefined)
    edit(undefined)
  })

  form.addEventListener("submit", (event) => {
    event.preventDefault()
    const session = env.session()
    if (session === undefined) return
    const content = contentOfForm()
    if (content.title === "") {
      fieldError(input("item-title"), texts.titleRequired)
      input("item-title").focus()
      return
    }
    const current = editing
    void busy(form.querySelector<HTMLButtonElement>("button[type=submit]"), async () => {
      try {
        await session.save({
          ...(current === undefined ? {} : { itemId: current.itemId }),
          baseVersion: current?.version ?? 0,
          content,
        })
        await showItems()
        say("success", texts.savedItem)
      } catch (error) {
        if (keyTrouble(error)) return
        if (
          error instanceof VaultProblem &&
          current !== undefined &&
          /^vault-item-(conflict|deleted)$/.test(error.slug)
        )
          await reloadEdited(current.itemId)
        else say("error", generalProblem(texts, error))
      }
    })
  })

  $<HTMLButtonElement>("[data-delete]")!.addEventListener("click", (event) => {
    const current = editing
    const session = env.session()
    if (session === undefined || current === undefined) return
    void busy(event.currentTarget as HTMLButtonElement, async () => {
      try {
        await session.delete(current.itemId, current.version)
        await showItems()
        say("success", texts.deletedItem)
      } catch (error) {
        if (keyTrouble(error)) return
        if (error instanceof VaultProblem && error.slug === "vault-item-conflict")
          await reloadEdited(current.itemId)
        else if (error instanceof VaultProblem && /^vault-item-(deleted|not-found)$/.test(error.slug)) {
          await showItems()
          say("info", texts.gone)
        } else say("error", generalProblem(texts, error))
      }
    })
  })

  /** Locked again: no decrypted title or field stays in the page. */
  const clear = () => {
    items = []
    editing = undefined
    renderItems()
    form.reset()
  }

  return { showItems, clear }
}
