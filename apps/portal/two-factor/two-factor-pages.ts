import { definePortalFeature } from "../shell/portal-feature.js"
import { recommendationPage } from "./recommendation-page.js"

export const twoFactorFeature = definePortalFeature({
  name: "two-factor",
  pages: [recommendationPage],
})
