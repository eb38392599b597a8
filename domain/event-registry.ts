import { accountCodec } from "./accounts/account.js"
import { loginIdClaimCodec } from "./accounts/login-id-claim.js"
import { primaryUserCodec } from "./accounts/primary-user.js"
import { appSessionCodec } from "./apps/app-session.js"
import { productCodec } from "./catalog/product.js"
import { signingKeysCodec } from "./entitlements/signing-keys.js"
import { consoleUpgradeCodec } from "./instances/console-upgrade.js"
import { instanceCodec } from "./instances/instance.js"
import type { AnyEventCodec } from "./kernel/event-codec.js"
import { licenseCodec } from "./licensing/license.js"
import { switchPlanCodec } from "./switching/switch-plan.js"
import { twoFactorCodec } from "./two-factor/two-factor.js"
import { vaultCodec } from "./vault/vault.js"
import { vaultItemCodec } from "./vault/vault-item.js"

/**
 * Every event family the log holds, by the stream it is written to. A new family registers here:
 * the codec round-trip property then covers each of its events, and a unit test fails on a codec
 * in `domain/` that is missing from this list.
 */
export const eventFamilies = {
  account: accountCodec,
  "login-id": loginIdClaimCodec,
  "primary-user": primaryUserCodec,
  product: productCodec,
  license: licenseCodec,
  "two-factor": twoFactorCodec,
  vault: vaultCodec,
  "vault-item": vaultItemCodec,
  "signing-keys": signingKeysCodec,
  "app-session": appSessionCodec,
  switch: switchPlanCodec,
  instance: instanceCodec,
  "console-user": consoleUpgradeCodec,
} as const satisfies Record<string, AnyEventCodec>

export type EventFamily = keyof typeof eventFamilies
