import { accountsFeature } from "./accounts/account-routes.js"
import { appsFeature } from "./apps/app-session-routes.js"
import { catalogFeature } from "./catalog/catalog-routes.js"
import { entitlementsFeature } from "./entitlements/entitlement-routes.js"
import { instancesFeature } from "./instances/instance-routes.js"
import { licensingFeature } from "./licensing/licensing-routes.js"
import { passwordResetsFeature } from "./password-resets/password-reset-routes.js"
import { primaryUserFeature } from "./primary-user/primary-user-routes.js"
import { sessionsFeature } from "./sessions/session-routes.js"
import { switchingFeature } from "./switching/switching-routes.js"
import { twoFactorFeature } from "./two-factor/two-factor-feature.js"
import { vaultFeature } from "./vault/vault-feature.js"

/** Every feature the customer API serves, in the order `/openapi.json` lists them. Add new ones here. */
export const customerFeatures = [
  catalogFeature,
  licensingFeature,
  accountsFeature,
  sessionsFeature,
  passwordResetsFeature,
  twoFactorFeature,
  vaultFeature,
  entitlementsFeature,
  appsFeature,
  switchingFeature,
  primaryUserFeature,
  instancesFeature,
]
