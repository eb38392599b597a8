import { Data, Either } from "effect"
import type { Instant } from "../kernel/instant.js"
import type { PhaseView, ProductPhase } from "./product-lifecycle.js"

/** Everything a route or command can do with a product's data that its phase may forbid. */
export const capabilities = [
  "license.register",
  "app.sign-in",
  "app.refresh",
  "app.access",
  "entitlement.issue",
  "vault.activate",
  "vault.unlock",
  "vault.read",
  "vault.write",
  "vault.rotate-key",
  "vault.reset-by-customer",
  "vault.reset-by-support",
  "vault.export",
] as const
export type Capability = (typeof capabilities)[number]

export const phases: ReadonlyArray<ProductPhase> = ["active", "sunset-scheduled", "ended"]

export type GateRule = "allowed" | "service-ended" | "read-only" | "export-disabled"

const open = { active: "allowed", "sunset-scheduled": "allowed" } as const

/**
 * The one rule table (capability × phase). The mapped type makes the compiler demand every cell.
 * After the end the data stays viewable (the manual: the portal shows it read-only), unlock only
 * records a device, and support's reset stays possible for legal erasure.
 */
export const phaseGates = {
  "license.register": { ...open, ended: "service-ended" },
  "app.sign-in": { ...open, ended: "service-ended" },
  "app.refresh": { ...open, ended: "service-ended" },
  "app.access": { ...open, ended: "service-ended" },
  "entitlement.issue": { ...open, ended: "service-ended" },
  "vault.activate": { ...open, ended: "read-only" },
  "vault.unlock": { ...open, ended: "allowed" },
  "vault.read": { ...open, ended: "allowed" },
  "vault.write": { ...open, ended: "read-only" },
  "vault.rotate-key": { ...open, ended: "read-only" },
  "vault.reset-by-customer": { ...open, ended: "read-only" },
  "vault.reset-by-support": { ...open, ended: "allowed" },
  "vault.export": { ...open, ended: "export-disabled" },
} as const satisfies { readonly [C in Capability]: { readonly [P in ProductPhase]: GateRule } }

interface Refusal {
  readonly productId: string
  readonly capability: Capability
  readonly endedAt: Instant | undefined
  readonly successor: string | undefined
}

/** The product has ended: this is no longer offered (410 `service-ended`). */
export class ServiceEnded extends Data.TaggedError("ServiceEnded")<Refusal> {}
/** The product has ended: its data can be read, not changed (409 `read-only`). */
export class ProductReadOnly extends Data.TaggedError("ProductReadOnly")<Refusal> {}
/** The product has ended: its export is switched off (409 `export-disabled`). */
export class ExportDisabled extends Data.TaggedError("ExportDisabled")<Refusal> {}

export type PhaseRefusal = ServiceEnded | ProductReadOnly | ExportDisabled

type RefusalOfRule<R> = R extends "service-ended"
  ? ServiceEnded
  : R extends "read-only"
    ? ProductReadOnly
    : R extends "export-disabled"
      ? ExportDisabled
      : never

/** The refusals one capability can meet, read off the table: a route lists only those. */
export type RefusalFor<C extends Capability> = RefusalOfRule<(typeof phaseGates)[C][ProductPhase]>

/** The table's answer for one capability in the product's phase: the view, or the refusal. */
export const gate = <C extends Capability>(
  productId: string,
  capability: C,
  view: PhaseView,
): Either.Either<PhaseView, RefusalFor<C>> => {
  const rule: GateRule = phaseGates[capability][view.phase]
  const refusal = { productId, capability, endedAt: view.endedAt, successor: view.successor }
  // The table's own rule picks the class, so the error is one of RefusalFor<C>.
  switch (rule) {
    case "allowed":
      return Either.right(view)
    case "service-ended":
      return Either.left(new ServiceEnded(refusal) as RefusalFor<C>)
    case "read-only":
      return Either.left(new ProductReadOnly(refusal) as RefusalFor<C>)
    case "export-disabled":
      return Either.left(new ExportDisabled(refusal) as RefusalFor<C>)
  }
}
