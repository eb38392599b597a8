// What the vault's two script pages share: the API over the portal's cookie bridge, this browser's
// device and key store, the words the server rendered for the script, and the key panel.
import { createVaultApi, type VaultApi } from "../../vault-client/api/vault-api.js"
import type { VaultDeviceInput } from "../../vault-client/api/wire.js"
import type { DeviceKeyStore } from "../../vault-client/device/key-store.js"
import { VaultProblem } from "../../vault-client/errors.js"
import { type ClientKey, clientKeyGroups } from "../../vault-client/key/client-key.js"
import type { EmergencyKit } from "../../vault-client/kit/kit-layout.js"
import { indexedDbKeyStore } from "./vault-key-store.js"

export const product = "id-protection" as const

type Kit = typeof import("./vault-kit.js")

// A name esbuild leaves alone: the kit is a bundle of its own, fetched the first time a key shows.
const kitModule = "/assets/vault-kit.js"
let kit: Promise<Kit> | undefined
export const loadKit = (): Promise<Kit> => {
  kit ??= import(kitModule) as Promise<Kit>
  return kit
}

export type Texts = Readonly<Record<string, string>>

export interface VaultPage {
  readonly root: HTMLElement
  readonly texts: Texts
  readonly lang: "ja" | "en"
  readonly loginId: string
  readonly api: VaultApi
  readonly keyStore: DeviceKeyStore
  readonly device: VaultDeviceInput
}

/** This browser's device: an id kept in local storage, and a name the device list shows. */
const thisDevice = (): VaultDeviceInput => {
  const stored = localStorage.getItem("portcullis-vault-device")
  const id = stored ?? crypto.randomUUID()
  if (stored === null) localStorage.setItem("portcullis-vault-device", id)
  const agent = navigator.userAgent
  const browser = /Edg\//.test(agent)
    ? "Edge"
    : /Firefox\//.test(agent)
      ? "Firefox"
      : /Chrome\//.test(agent)
        ? "Chrome"
        : /Safari\//.test(agent)
          ? "Safari"
          : "Browser"
  const system = /Windows/.test(agent)
    ? "Windows"
    : /Mac OS X/.test(agent)
      ? "macOS"
      : /Android/.test(agent)
        ? "Android"
        : /Linux/.test(agent)
          ? "Linux"
          : "Web"
  return { id, name: `${browser} (${system})` }
}

export const vaultPage = (): VaultPage | undefined => {
  const root = document.querySelector<HTMLElement>("[data-vault]")
  if (root === null) return undefined
  root.hidden = false
  const token = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? ""
  return {
    root,
    texts: JSON.parse(root.dataset.texts ?? "{}") as Texts,
    lang: root.dataset.lang === "en" ? "en" : "ja",
    loginId: root.dataset.loginId ?? "",
    api: createVaultApi({
      baseUrl: location.origin,
      prefix: "/vault/api",
      headers: () => ({ "x-csrf-token": token }),
    }),
    keyStore: indexedDbKeyStore(root.dataset.scope ?? ""),
    device: thisDevice(),
  }
}

// == messages

export const fill = (text: string, values: Readonly<Record<string, string | number>>) =>
  text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ""))

/** Shows (or with `text` undefined hides) a message box of the page. */
export const notify = (
  root: ParentNode,
  name: string,
  kind: "error" | "success" | "info",
  text: string | undefined,
) => {
  const box = root.querySelector<HTMLElement>(`[data-notice="${name}"]`)
  if (box === null) return
  box.hidden = text === undefined
  box.className = `notice notice-${kind}`
  box.setAttribute("role", kind === "error" ? "alert" : "status")
  box.textContent = text ?? ""
}

/** A field's error under its label, wired to the input for assistive technology. */
export const fieldError = (input: HTMLInputElement, text: string | undefined) => {
  const error = document.getElementById(`${input.id}-error`)
  if (error === null) return
  error.hidden = text === undefined
  error.textContent = text ?? ""
  input.closest(".field")?.classList.toggle("field-invalid", text !== undefined)
  if (text === undefined) input.removeAttribute("aria-invalid")
  else input.setAttribute("aria-invalid", "true")
  input.setAttribute("aria-describedby", error.id)
}

/** The words for a refusal no screen expects: throttled, the page expired, anything else. */
export const generalProblem = (texts: Texts, error: unknown): string => {
  if (error instanceof VaultProblem) {
    if (error.slug === "rate-limited") {
      const seconds = /(\d+)/.exec(error.problem.detail ?? "")?.[1] ?? "60"
      return fill(texts.rateLimited ?? "", { s: seconds })
    }
    if (error.slug === "csrf-token-invalid" || error.slug === "unauthorized") return texts.reload ?? ""
    if (error.slug === "vault-not-activated") return texts.notActive ?? ""
  }
  return texts.unexpected ?? ""
}

/** A button that says it is working while its task runs, and cannot be pressed twice. */
export const busy = async <A>(button: HTMLButtonElement | null, task: () => Promise<A>): Promise<A> => {
  const label = button?.textContent ?? ""
  if (button) {
    button.disabled = true
    button.textContent = button.dataset.busyText ?? label
  }
  try {
    return await task()
  } finally {
    if (button) {
      button.disabled = false
      button.textContent = label
    }
  }
}

// == the key and its kit

const today = () => {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`
}

export const download = (file: {
  readonly fileName: string
  readonly mediaType: string
  readonly bytes: Uint8Array
}) => {
  const url = URL.createObjectURL(new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.mediaType }))
  const link = document.createElement("a")
  link.href = url
  link.download = file.fileName
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/** Fills a key panel (`KeyPanel` on the server): the groups, the QR code, and the two kit files. */
export const showKey = async (page: VaultPage, panel: HTMLElement, key: ClientKey, keyVersion: number) => {
  const groups = panel.querySelector<HTMLElement>("[data-key-groups]")
  if (groups) {
    groups.replaceChildren(
      ...clientKeyGroups(key).map((group) => {
        const span = document.createElement("span")
        span.textContent = group
        return span
      }),
    )
  }
  const kitOf = (): EmergencyKit => ({
    clientKey: key,
    loginId: page.loginId,
    keyVersion,
    createdOn: today(),
    language: page.lang,
  })
  const pdf = panel.querySelector<HTMLButtonElement>("[data-save-pdf]")
  const png = panel.querySelector<HTMLButtonElement>("[data-save-png]")
  if (pdf) pdf.onclick = () => void busy(pdf, async () => download(await (await loadKit()).kitPdf(kitOf())))
  if (png) png.onclick = () => void busy(png, async () => download(await (await loadKit()).kitPng(kitOf())))
  const qr = panel.querySelector<HTMLImageElement>("[data-key-qr]")
  if (qr) qr.src = await (await loadKit()).qrDataUrl(key)
}

/** Shows one of a page's steps (`data-step`) and hides the others. */
export const showStep = (root: ParentNode, step: string) => {
  for (const section of root.querySelectorAll<HTMLElement>("[data-step]"))
    section.hidden = section.dataset.step !== step
  const heading = root.querySelector<HTMLElement>(`[data-step="${step}"] h2`)
  heading?.setAttribute("tabindex", "-1")
  heading?.focus()
}
