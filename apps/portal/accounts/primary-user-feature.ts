import { definePortalFeature } from "../shell/portal-feature.js"
import { primaryUserPages } from "./primary-user-pages.js"

export const primaryUserFeature = definePortalFeature({ name: "primary-user", pages: primaryUserPages })
