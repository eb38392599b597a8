// The 「保管庫」 settings page before activation: [開始する], the password and [続行]; then the key
// this browser made, its kit, 「保存しました」 and [保管庫に移動].
import { VaultProblem } from "../../vault-client/errors.js"
import { activateVault } from "../../vault-client/vault-open.js"
import {
  busy,
  fieldError,
  generalProblem,
  notify,
  product,
  showKey,
  showStep,
  vaultPage,
} from "./vault-page.js"

const page = vaultPage()
if (page !== undefined) {
  const { root, texts } = page
  const form = root.querySelector<HTMLFormElement>("[data-activate]")
  const password = root.querySelector<HTMLInputElement>("#vault-password")
  // The activation form shows only when this account has no active vault: a key this browser still
  // keeps belongs to a vault since reset, opens nothing, and would be offered to the next vault.
  if (form !== null) void page.keyStore.remove(product).catch(() => undefined)

  root.querySelector<HTMLButtonElement>("[data-start]")?.addEventListener("click", () => {
    showStep(root, "password")
    password?.focus()
  })

  form?.addEventListener("submit", (event) => {
    event.preventDefault()
    if (password === null) return
    notify(root, "error", "error", undefined)
    fieldError(password, undefined)
    if (password.value === "") {
      fieldError(password, texts.passwordRequired)
      password.focus()
      return
    }
    void busy(form.querySelector("button"), async () => {
      try {
        const { session, clientKey } = await activateVault({
          api: page.api,
          product,
          device: page.device,
          keyStore: page.keyStore,
          password: password.value,
        })
        password.value = ""
        const panel = root.querySelector<HTMLElement>("[data-key-panel]")
        showStep(root, "key")
        if (panel) await showKey(page, panel, clientKey, session.keyVersion)
      } catch (error) {
        if (error instanceof VaultProblem && error.slug === "password-incorrect") {
          fieldError(password, texts.passwordIncorrect)
          password.focus()
        } else if (error instanceof VaultProblem && error.slug === "vault-already-activated") {
          notify(root, "error", "info", texts.alreadyActive)
          setTimeout(() => location.reload(), 1500)
        } else notify(root, "error", "error", generalProblem(texts, error))
      }
    })
  })

  const saved = root.querySelector<HTMLInputElement>("[data-saved]")
  root.querySelector<HTMLButtonElement>("[data-go-to-vault]")?.addEventListener("click", () => {
    if (saved !== null && !saved.checked) {
      notify(root, "error", "error", texts.savedRequired)
      saved.focus()
      return
    }
    location.assign("/vault/open")
  })
}
