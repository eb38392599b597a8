import { accountProblems } from "../accounts/account-problems.js"
import { phaseProblems } from "../lifecycle/lifecycle-problems.js"
import { sessionProblems } from "../sessions/session-problems.js"
import { defineFeature } from "../shell/feature.js"
import { vaultImportRoutes } from "./vault-import-routes.js"
import { vaultItemRoutes } from "./vault-item-routes.js"
import { vaultProblems } from "./vault-problems.js"
import { vaultRoutes } from "./vault-routes.js"

export const vaultFeature = defineFeature({
  name: "vault",
  routes: [...vaultRoutes, ...vaultItemRoutes, ...vaultImportRoutes],
  problems: {
    ...sessionProblems,
    ...accountProblems,
    ...vaultProblems,
    ProductReadOnly: phaseProblems.ProductReadOnly,
    ExportDisabled: phaseProblems.ExportDisabled,
  },
})
