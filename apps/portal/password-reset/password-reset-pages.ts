import type { Page } from "../shell/page.js"
import { definePortalFeature } from "../shell/portal-feature.js"
import { newPasswordPages } from "./new-password-pages.js"
import { requestPages } from "./request-pages.js"

type Services<P> = P extends Page<infer R> ? R : never
type PageServices = Services<(typeof requestPages)[number] | (typeof newPasswordPages)[number]>

export const passwordResetFeature = definePortalFeature<PageServices>({
  name: "password-reset",
  pages: [...requestPages, ...newPasswordPages],
})
