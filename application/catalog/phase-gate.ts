import { Effect, Option } from "effect"
import { type Capability, gate, type RefusalFor } from "../../domain/catalog/phase-gates.js"
import { activeLifecycle, type PhaseView, phaseAt } from "../../domain/catalog/product-lifecycle.js"
import type { Instant } from "../../domain/kernel/index.js"
import { now } from "../platform/now.js"
import { ProductLifecycles } from "./product-lifecycles.js"

/**
 * The only way a use case reaches the phase-gate table: the product's phase at `at` (now by
 * default; a use case passes its command's own instant so that the gate and the event agree).
 * A product outside the catalogue has no lifecycle to end, so nothing is gated for it.
 */
export const requireCapability = <C extends Capability>(
  productId: string,
  capability: C,
  at?: Instant,
): Effect.Effect<PhaseView, RefusalFor<C>, ProductLifecycles> =>
  Effect.gen(function* () {
    const record = yield* (yield* ProductLifecycles).view(productId)
    const lifecycle = Option.match(record, { onNone: () => activeLifecycle, onSome: (r) => r.lifecycle })
    return yield* gate(productId, capability, phaseAt(lifecycle, at ?? (yield* now)))
  })
