import { definePortalFeature } from "../shell/portal-feature.js"
import { switchResultPages } from "./switch-result-page.js"

export const switchingFeature = definePortalFeature({ name: "switching", pages: switchResultPages })
