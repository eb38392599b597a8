import { definePortalFeature } from "../shell/portal-feature.js"
import { consoleUsersPages } from "./console-users-page.js"
import { instanceListPages } from "./instance-list-page.js"
import { tokenPages } from "./token-page.js"
import { updatePages } from "./update-page.js"

// Manual 004's product instances in the portal: the list, the token, the update dialog, the users.
export const instancesFeature = definePortalFeature({
  name: "instances",
  pages: [...instanceListPages, ...tokenPages, ...updatePages, ...consoleUsersPages],
})
