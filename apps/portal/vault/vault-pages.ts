import { definePortalFeature } from "../shell/portal-feature.js"
import { pmDataPage } from "./pm-data-page.js"
import { vaultOpenPage } from "./vault-open-page.js"
import { vaultResetPage } from "./vault-reset-page.js"
import { vaultSettingsPage } from "./vault-settings-page.js"

// The ID Protection vault's screens (docs/portal.md "The vault"). The key is made and kept in the
// browser: only the reset is a form the server reads; the rest runs the client library in the page.

export const vaultFeature = definePortalFeature({
  name: "vault",
  pages: [vaultSettingsPage, vaultOpenPage, vaultResetPage, pmDataPage],
})
