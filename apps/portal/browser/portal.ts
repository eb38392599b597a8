// The portal works without JavaScript; this only makes it kinder where a browser runs scripts.

// A form shown again with errors: the summary takes the focus, so the user hears and sees it first.
const summary = document.querySelector<HTMLElement>("[data-autofocus]")
summary?.focus()

// One menu open at a time: opening a dropdown closes the others.
for (const menu of document.querySelectorAll<HTMLDetailsElement>("details.dropdown")) {
  menu.addEventListener("toggle", () => {
    if (!menu.open) return
    for (const other of document.querySelectorAll<HTMLDetailsElement>("details.dropdown")) {
      if (other !== menu) other.open = false
    }
  })
}

// Escape closes an open menu and gives the focus back to its button.
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return
  for (const menu of document.querySelectorAll<HTMLDetailsElement>("details.dropdown[open]")) {
    menu.open = false
    menu.querySelector("summary")?.focus()
  }
})

// "Click here to resend (168s)": the seconds count down, and the button works once they are over.
// Without scripts the page shows the seconds as of its answer, and the server refuses a resend too soon.
for (const button of document.querySelectorAll<HTMLButtonElement>("button[data-countdown]")) {
  let left = Number(button.dataset.countdown)
  const waiting = button.dataset.labelWaiting ?? ""
  const ready = button.dataset.label ?? button.textContent ?? ""
  if (!(left > 0)) continue
  const timer = setInterval(() => {
    left -= 1
    if (left > 0) {
      button.textContent = waiting.replace("{s}", String(left))
      return
    }
    clearInterval(timer)
    button.textContent = ready
    button.disabled = false
  }, 1000)
}
