import { definePortalFeature } from "../shell/portal-feature.js"
import { emergencyCodePages } from "./emergency-code-pages.js"
import { recommendationPage } from "./recommendation-page.js"
import { setUpAppPages } from "./set-up-app-page.js"
import { setUpEmailPages } from "./set-up-email-pages.js"
import { settingsPages } from "./settings-pages.js"
import { signInCodePages } from "./sign-in-code-pages.js"
import { statusPage } from "./status-page.js"

const pages = [
  recommendationPage,
  statusPage,
  ...setUpEmailPages,
  ...setUpAppPages,
  ...settingsPages,
  ...signInCodePages,
  ...emergencyCodePages,
]

export const twoFactorFeature = definePortalFeature({
  name: "two-factor",
  pages,
})
