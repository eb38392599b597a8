import { Context, Effect } from "effect"
import type { PlannedSwitch } from "../../domain/switching/key-registration.js"

/** The switch plans read model (a projection of the plans' `SwitchPlanCreated`). */
export interface SwitchPlanDirectoryApi {
  /**
   * The plans whose source is `productId`, in the order they were made: what a key's registration
   * and its preview read, so one indexed read of a small table, never a fold of the plans' streams.
   */
  readonly fromProduct: (productId: string) => Effect.Effect<ReadonlyArray<PlannedSwitch>>
}

export class SwitchPlanDirectory extends Context.Tag("application/SwitchPlanDirectory")<
  SwitchPlanDirectory,
  SwitchPlanDirectoryApi
>() {}

/** The plans from a key's product, which its registration (and its preview) decide on. */
export const switchPlansFrom = (productId: string) =>
  Effect.flatMap(SwitchPlanDirectory, (directory) => directory.fromProduct(productId))
