import type { ExportDisabled, ProductReadOnly, ServiceEnded } from "../../../domain/catalog/phase-gates.js"
import type { ProblemMapping } from "../shell/problem.js"

type Refusal = ServiceEnded | ProductReadOnly | ExportDisabled

const ended = (error: Refusal) => (error.endedAt === undefined ? "" : ` on ${error.endedAt}`)
const moveTo = (error: Refusal) =>
  error.successor === undefined ? "" : ` Its successor is ${error.successor}.`

// A refusal names the product, when it ended and what replaces it, so an app can say where to go.
const extensions = (error: Refusal) => ({
  productId: error.productId,
  capability: error.capability,
  ...(error.endedAt === undefined ? {} : { endedAt: error.endedAt }),
  ...(error.successor === undefined ? {} : { successor: error.successor }),
})

/**
 * The phase gates' refusals on the wire (docs/lifecycle.md): one object, shared by every feature
 * whose routes touch a product's data, so each tag maps one way.
 */
export const phaseProblems = {
  ServiceEnded: {
    status: 410,
    slug: "service-ended",
    title: "Service ended",
    detail: (error) => `The product ${error.productId} ended${ended(error)}.${moveTo(error)}`,
    extensions,
  } satisfies ProblemMapping<ServiceEnded>,
  ProductReadOnly: {
    status: 409,
    slug: "read-only",
    title: "Read-only",
    detail: (error) =>
      `The product ${error.productId} ended${ended(error)}: its data can be read, not changed.${moveTo(error)}`,
    extensions,
  } satisfies ProblemMapping<ProductReadOnly>,
  ExportDisabled: {
    status: 409,
    slug: "export-disabled",
    title: "Export disabled",
    detail: (error) =>
      `The product ${error.productId} ended${ended(error)}: its export is no longer available. Importing its data into the successor stays possible.${moveTo(error)}`,
    extensions,
  } satisfies ProblemMapping<ExportDisabled>,
}
