// The vault: unlock (password; the key too on a device that keeps none, typed or read from the kit's
// QR image), then the items (vault-items.ts), the key shown again (the QR icon), and the key change.
import {
  ClientKeyMalformed,
  ClientKeyNeeded,
  VaultNotActive,
  VaultProblem,
} from "../../vault-client/errors.js"
import { type ClientKeyParse, formatClientKey, parseClientKey } from "../../vault-client/key/client-key.js"
import { unlockVault } from "../../vault-client/vault-open.js"
import type { VaultSession } from "../../vault-client/vault-session.js"
import { itemScreens } from "./vault-items.js"
import {
  busy,
  fieldError,
  fill,
  generalProblem,
  loadKit,
  notify,
  product,
  showKey,
  showStep,
  type Texts,
  vaultPage,
} from "./vault-page.js"

const page = vaultPage()
if (page !== undefined) {
  const { root, texts } = page
  const $ = <E extends Element>(selector: string) => root.querySelector<E>(selector)
  const input = (id: string) => document.getElementById(id) as HTMLInputElement
  const password = input("vault-password")
  const keyInput = input("vault-key")
  const keyBlock = $<HTMLElement>("[data-key-block]")!
  let session: VaultSession | undefined

  const say = (kind: "error" | "success" | "info", text: string | undefined) =>
    notify(root, "vault", kind, text)

  const askForKey = (message: string | undefined) => {
    keyBlock.hidden = false
    if (message !== undefined) fieldError(keyInput, message)
  }

  /** The key this device held no longer opens the vault (changed elsewhere): lock, and ask for the new one. */
  const lock = (message: string) => {
    session = undefined
    screens.clear()
    for (const el of root.querySelectorAll<HTMLElement>("[data-unlocked-only]")) el.hidden = true
    showStep(root, "locked")
    askForKey(message)
    keyInput.focus()
  }

  /** Refusals any call with the key can meet; true when handled. */
  const keyTrouble = (error: unknown) => {
    if (error instanceof VaultProblem && error.slug === "vault-key-stale") lock(texts.keyStale ?? "")
    else if (error instanceof ClientKeyNeeded && error.reason === "key-rotated") lock(texts.keyStale ?? "")
    else if (error instanceof VaultProblem && error.slug === "vault-key-incorrect") lock(texts.keyWrong ?? "")
    else if (error instanceof VaultNotActive) location.assign("/vault")
    else return false
    return true
  }

  const keyMessage = (parse: Exclude<ClientKeyParse, { ok: true }>, t: Texts) =>
    parse.reason === "check" || parse.reason === "version"
      ? t.keyMistyped
      : parse.reason === "character"
        ? fill(t.keyCharacter ?? "", { n: parse.position + 1 })
        : t.keyLength

  const screens = itemScreens({ root, texts, session: () => session, say, keyTrouble })
  const { showItems } = screens

  // == unlock

  const unlocked = async (opened: VaultSession) => {
    session = opened
    password.value = ""
    keyInput.value = ""
    keyBlock.hidden = true
    fieldError(keyInput, undefined)
    say("info", undefined)
    for (const el of root.querySelectorAll<HTMLElement>("[data-unlocked-only]")) el.hidden = false
    await showItems()
    if (location.hash === "#change-key") openRotate()
  }

  $<HTMLFormElement>("[data-unlock]")!.addEventListener("submit", (event) => {
    event.preventDefault()
    fieldError(password, undefined)
    fieldError(keyInput, undefined)
    say("info", undefined)
    if (password.value === "") {
      fieldError(password, texts.passwordRequired)
      password.focus()
      return
    }
    const typed = keyBlock.hidden ? "" : keyInput.value.trim()
    if (!keyBlock.hidden && typed === "") {
      fieldError(keyInput, texts.keyRequired)
      keyInput.focus()
      return
    }
    if (typed !== "") {
      const parsed = parseClientKey(typed)
      if (!parsed.ok) {
        fieldError(keyInput, keyMessage(parsed, texts))
        keyInput.focus()
        return
      }
    }
    void busy($<HTMLButtonElement>("[data-unlock] button[type=submit]"), async () => {
      try {
        const { session: opened } = await unlockVault({
          api: page.api,
          product,
          device: page.device,
          keyStore: page.keyStore,
          password: password.value,
          ...(typed === "" ? {} : { clientKey: typed }),
        })
        await unlocked(opened)
      } catch (error) {
        if (error instanceof ClientKeyNeeded) {
          askForKey(error.reason === "key-rotated" ? texts.keyStale : texts.keyRequired)
          keyInput.focus()
        } else if (error instanceof ClientKeyMalformed) {
          askForKey(
            error.reason === "character"
              ? fill(texts.keyCharacter ?? "", { n: (error.position ?? 0) + 1 })
              : error.reason === "length"
                ? texts.keyLength
                : texts.keyMistyped,
          )
        } else if (error instanceof VaultProblem && error.slug === "password-incorrect") {
          fieldError(password, texts.passwordIncorrect)
          password.focus()
        } else if (error instanceof VaultProblem && error.slug === "vault-key-incorrect") {
          askForKey(typed === "" ? texts.keyStale : texts.keyWrong)
          keyInput.focus()
        } else if (error instanceof VaultProblem && error.slug === "vault-key-stale") {
          askForKey(texts.keyStale)
          keyInput.focus()
        } else if (error instanceof VaultNotActive) location.assign("/vault")
        else say("error", generalProblem(texts, error))
      }
    })
  })

  $<HTMLInputElement>("[data-read-qr]")!.addEventListener("change", (event) => {
    const file = (event.target as HTMLInputElement).files?.[0]
    if (file === undefined) return
    void (async () => {
      fieldError(keyInput, undefined)
      const parsed = await (await loadKit()).readKitImage(file).catch(() => undefined)
      if (parsed === undefined) fieldError(keyInput, texts.qrUnreadable)
      else if (!parsed.ok) fieldError(keyInput, keyMessage(parsed, texts))
      else {
        keyInput.value = formatClientKey(parsed.key)
        say("info", texts.qrRead)
      }
      keyInput.focus()
    })()
  })

  for (const back of root.querySelectorAll<HTMLButtonElement>("[data-back]")) {
    back.addEventListener("click", () => {
      say("info", undefined)
      void showItems().catch(
        (error: unknown) => keyTrouble(error) || say("error", generalProblem(texts, error)),
      )
    })
  }

  // == the key again (the QR icon), and the key change

  $<HTMLButtonElement>("[data-show-key]")!.addEventListener("click", () => {
    if (session === undefined) return
    say("info", undefined)
    showStep(root, "key")
    void showKey(page, document.getElementById("current-key")!, session.clientKey, session.keyVersion)
  })

  const rotatePassword = input("rotate-password")
  const openRotate = () => {
    say("info", undefined)
    fieldError(rotatePassword, undefined)
    showStep(root, "rotate")
    rotatePassword.focus()
  }
  $<HTMLButtonElement>("[data-open-rotate]")!.addEventListener("click", openRotate)

  $<HTMLFormElement>("[data-rotate]")!.addEventListener("submit", (event) => {
    event.preventDefault()
    if (session === undefined) return
    fieldError(rotatePassword, undefined)
    if (rotatePassword.value === "") {
      fieldError(rotatePassword, texts.passwordRequired)
      rotatePassword.focus()
      return
    }
    const reencrypt = input("rotate-reencrypt").checked
    void busy($<HTMLButtonElement>("[data-rotate] button[type=submit]"), async () => {
      try {
        const newKey = await session!.rotateKey({ password: rotatePassword.value, reencrypt })
        rotatePassword.value = ""
        showStep(root, "rotated")
        say("success", texts.rotated)
        await showKey(page, document.getElementById("new-key")!, newKey, session!.keyVersion)
      } catch (error) {
        if (keyTrouble(error)) return
        if (error instanceof VaultProblem && error.slug === "password-incorrect") {
          fieldError(rotatePassword, texts.passwordIncorrect)
          rotatePassword.focus()
        } else say("error", generalProblem(texts, error))
      }
    })
  })

  // A device that keeps a key asks for the password alone; any other for the key too.
  void page.keyStore
    .get(product)
    .then((stored) => {
      if (stored === undefined) askForKey(undefined)
    })
    .catch(() => askForKey(undefined))
    .finally(() => password.focus())
}
