import { definePortalFeature } from "../shell/portal-feature.js"
import { contractorPage, supportContactPage } from "./company-pages.js"
import { passwordChangedPage, passwordPage } from "./password-pages.js"
import { personalUserPage } from "./personal-user-page.js"
import { userPage } from "./user-page.js"

/** What a signed-in customer changes of their account: 会社情報 (two tabs), ユーザ登録情報, the password. */
export const accountDetailsFeature = definePortalFeature({
  name: "account-details",
  pages: [contractorPage, supportContactPage, userPage, personalUserPage, passwordPage, passwordChangedPage],
})
