import { definePortalFeature } from "../shell/portal-feature.js"
import { newPasswordPages } from "./new-password-pages.js"
import { requestPages } from "./request-pages.js"

export const passwordResetFeature = definePortalFeature({
  name: "password-reset",
  pages: [...requestPages, ...newPasswordPages],
})
