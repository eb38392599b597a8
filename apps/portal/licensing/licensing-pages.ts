import { definePortalFeature } from "../shell/portal-feature.js"
import { addKeyPages } from "./add-key-pages.js"
import { privacyPage } from "./privacy-page.js"
import { productsPage } from "./products-page.js"

/** 製品/サービス: the licence list, adding a key, and the privacy policy its agreement links to. */
export const licensingFeature = definePortalFeature({
  name: "licensing",
  pages: [productsPage, ...addKeyPages, privacyPage],
})
