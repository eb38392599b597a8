import { accountsProjection } from "../accounts/accounts-projection.js"
import { appSessionsProjection } from "../apps/app-sessions-projection.js"
import { productsProjection } from "../catalog/products-projection.js"
import { instancesProjection } from "../instances/instances-projection.js"
import { licensesProjection } from "../licensing/licenses-projection.js"
import { switchPlansProjection } from "../switching/switch-plans-projection.js"
import { switchResultsProjection } from "../switching/switch-results-projection.js"
import { vaultImportsProjection } from "../vault/vault-imports-projection.js"
import { vaultItemsProjection } from "../vault/vault-items-projection.js"
import { actorActivityProjection } from "./actor-activity.js"
import type { Projection } from "./projection.js"

/** Every read model of the product, kept inline with the log; add a feature's projections here. */
export const allProjections: ReadonlyArray<Projection> = [
  actorActivityProjection,
  productsProjection,
  licensesProjection,
  accountsProjection,
  vaultItemsProjection,
  appSessionsProjection,
  switchResultsProjection,
  vaultImportsProjection,
  switchPlansProjection,
  instancesProjection,
]
