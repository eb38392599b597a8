// The registration token's copy button (manual 004 STEP 3: the token is copied, then pasted into the
// Apex One console). Without JavaScript the button stays hidden and the token is selected by hand.

for (const button of document.querySelectorAll<HTMLButtonElement>("button[data-copy]")) {
  const source = document.getElementById(button.dataset.copy ?? "")
  const status = button.parentElement?.querySelector<HTMLElement>("[data-copy-status]")
  if (!(source instanceof HTMLTextAreaElement)) continue
  button.hidden = false
  button.addEventListener("click", async () => {
    source.select()
    try {
      await navigator.clipboard.writeText(source.value)
    } catch {
      // A browser that refuses the clipboard API still has the text selected for Ctrl+C.
      document.execCommand("copy")
    }
    if (status) status.textContent = button.dataset.copied ?? ""
  })
}
