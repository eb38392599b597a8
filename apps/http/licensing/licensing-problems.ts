import type { ProductKeyMalformed } from "../../../domain/licensing/product-key.js"
import type { ProblemMapping } from "../shell/problem.js"

/** A product key as typed: mistyped, or never issued. Registration answers these too. */
// The same answer whether the key failed to resolve or the decider found no such licence.
const productKeyUnknown = {
  status: 404,
  slug: "product-key-unknown",
  title: "Product key unknown",
  detail: () => "No product key like this one was issued.",
}

export const productKeyProblems = {
  ProductKeyMalformed: {
    status: 422,
    slug: "product-key-mistyped",
    title: "Product key mistyped",
    detail: (error) =>
      error.reason === "check"
        ? "The key is mistyped: one of its characters is wrong. Check it against the certificate."
        : error.reason === "length"
          ? "The key has the wrong number of characters."
          : "The key contains a character that product keys never use.",
  } satisfies ProblemMapping<ProductKeyMalformed>,
  ProductKeyUnknown: productKeyUnknown,
}

/** The licence decider's refusals, and the key as typed. */
export const licenseProblems = {
  ...productKeyProblems,
  LicenseAlreadyRegistered: {
    status: 409,
    slug: "license-already-registered",
    title: "Licence already registered",
    detail: () => "This product key is registered to another account.",
  },
  LicenseKeyExpired: {
    status: 409,
    slug: "license-expired",
    title: "Licence expired",
    detail: () => "This product key has expired and can no longer be registered.",
  },
  LicenseKeyUnknown: productKeyUnknown,
  LicenseKeyAlreadyIssued: {
    status: 409,
    slug: "conflict",
    title: "Conflict",
    detail: () => "This product key was issued already.",
  },
  LicenseNotRegistered: {
    status: 409,
    slug: "license-not-registered",
    title: "Licence not registered",
    detail: () => "This licence is not registered to an account.",
  },
}
