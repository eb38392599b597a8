import { accountDetailsFeature } from "./accounts/account-details-pages.js"
import { primaryUserFeature } from "./accounts/primary-user-feature.js"
import { devicesFeature } from "./apps/devices-feature.js"
import { instancesFeature } from "./instances/instances-feature.js"
import { licensingFeature } from "./licensing/licensing-pages.js"
import { passwordResetFeature } from "./password-reset/password-reset-pages.js"
import { registrationFeature } from "./registration/registration-feature.js"
import { signInFeature } from "./sessions/sign-in-pages.js"
import { switchingFeature } from "./switching/switching-feature.js"
import { twoFactorFeature } from "./two-factor/two-factor-pages.js"
import { vaultFeature } from "./vault/vault-pages.js"

/** Every feature of the customer portal. Add new ones here. */
export const portalFeatures = [
  signInFeature,
  twoFactorFeature,
  passwordResetFeature,
  accountDetailsFeature,
  registrationFeature,
  licensingFeature,
  vaultFeature,
  devicesFeature,
  switchingFeature,
  primaryUserFeature,
  instancesFeature,
]
