import { definePortalFeature } from "../shell/portal-feature.js"
import { devicesPages } from "./devices-page.js"

export const devicesFeature = definePortalFeature({ name: "devices", pages: devicesPages })
