import { Effect, Schema } from "effect"
import { issueEntitlement } from "../../../application/entitlements/issue-entitlement.js"
import { publishedKeySet } from "../../../application/entitlements/signing-key-registry.js"
import type { Entitlement } from "../../../domain/entitlements/entitlement.js"
import { accountProblems } from "../accounts/account-problems.js"
import { ProductParams, productNotFoundProblem } from "../catalog/catalog-routes.js"
import { phaseProblems } from "../lifecycle/lifecycle-problems.js"
import { sessionOf } from "../sessions/session-of.js"
import { sessionProblems } from "../sessions/session-problems.js"
import { defineFeature } from "../shell/feature.js"
import { defineRoute } from "../shell/route.js"

const tags = ["entitlements"]

const Jwk = Schema.Struct({
  kty: Schema.Literal("OKP"),
  crv: Schema.Literal("Ed25519"),
  alg: Schema.Literal("EdDSA"),
  use: Schema.Literal("sig"),
  kid: Schema.String.annotations({
    description: "The key's RFC 7638 thumbprint; an entitlement's header names it",
  }),
  x: Schema.String.annotations({ description: "The public key, base64url" }),
})

const KeySet = Schema.Struct({ keys: Schema.Array(Jwk) }).annotations({
  identifier: "JsonWebKeySet",
  description: "The keys entitlements are signed with: the current one and any not yet retired",
})

const EntitledLicense = Schema.Struct({
  id: Schema.String,
  packageId: Schema.String,
  seats: Schema.Int,
  licenseType: Schema.Literal("full", "trial"),
  expiresOn: Schema.String.annotations({
    description: "YYYY-MM-DD, valid through that day in the account's zone",
  }),
})

export const SignedEntitlement = Schema.Struct({
  token: Schema.String.annotations({
    description:
      "A compact JWS (alg EdDSA, typ entitlement+jwt, kid): iss, sub (account), aud (product), iat, exp, jti and `entitlement`; verify it with /.well-known/jwks.json",
  }),
  expiresAt: Schema.String.annotations({ description: "When the token stops being believed (exp)" }),
  entitlement: Schema.Struct({
    productId: Schema.String,
    seats: Schema.Int.annotations({ description: "Of every valid licence together" }),
    validUntil: Schema.String.annotations({ description: "The end of the last valid licence's expiry day" }),
    licenses: Schema.Array(EntitledLicense),
  }),
}).annotations({ identifier: "SignedEntitlement" })

/** What signing an entitlement can fail with, behind a portal session or an app's access token. */
export const entitlementFailures = {
  AccountNotFound: true,
  NotEntitled: true,
  ProductNotFound: true,
  ServiceEnded: true,
  SessionInvalid: true,
  StreamVersionConflict: true,
  SigningKeyRetiredAlready: true,
} as const

type Issued = { readonly token: string; readonly entitlement: Entitlement }

// A kept entitlement is answered again as the same object (signed-entitlement-cache.ts): its JSON is
// written once too, and forgotten with it.
const encodedAnswers = new WeakMap<Issued, string>()
const encodeAnswer = Schema.encodeSync(SignedEntitlement)
const noStore = { "cache-control": "no-store" }

/** A signed entitlement as both routes answer it; never kept by a cache along the way. */
export const entitlementAnswer = (issued: Issued) => {
  let encoded = encodedAnswers.get(issued)
  if (encoded === undefined) {
    const { token, entitlement } = issued
    encoded = JSON.stringify(encodeAnswer({ token, expiresAt: entitlement.expiresAt, entitlement }))
    encodedAnswers.set(issued, encoded)
  }
  return { status: 200, encoded, headers: noStore }
}

/** The refusals of signing an entitlement, on the account's route and on the app's. */
export const entitlementProblems = {
  NotEntitled: {
    status: 403,
    slug: "not-entitled",
    title: "Not entitled",
    detail: () => "No licence of this product is valid for the account today (none, expired or suspended).",
    extensions: (error: { readonly productId: string }) => ({ productId: error.productId }),
  },
  ProductNotFound: productNotFoundProblem,
  // The configured key was retired: the operator must give this process a new one.
  SigningKeyRetiredAlready: {
    status: 503,
    slug: "signing-key-retired",
    title: "Signing key retired",
    detail: () =>
      "This server's signing key was retired; entitlements cannot be signed until it is replaced.",
  },
}

export const entitlementsFeature = defineFeature({
  name: "entitlements",
  routes: [
    defineRoute({
      method: "GET",
      path: "/.well-known/jwks.json",
      summary: "The public keys that sign entitlements (JWKS), to verify them offline",
      tags,
      auth: "none",
      responses: {
        200: {
          description: "The key set; cache it for a few minutes, and fetch it again on an unknown kid",
          schema: KeySet,
          headers: { "Cache-Control": { description: "public, max-age=300" } },
        },
      },
      failures: {},
      handler: () =>
        Effect.map(publishedKeySet, (keys) => ({
          status: 200,
          body: keys,
          headers: { "cache-control": "public, max-age=300" },
        })),
    }),
    defineRoute({
      method: "GET",
      path: "/v1/account/entitlements/:productId",
      summary: "What the account may use of a product today, signed (Ed25519) for offline checks",
      description:
        "Licences of the product valid today in the account's calendar and not suspended, their seats together. The token lasts a day at most, or until the licences end.",
      tags,
      params: ProductParams,
      responses: { 200: { description: "The signed entitlement", schema: SignedEntitlement } },
      failures: entitlementFailures,
      handler: ({ params, request }) =>
        Effect.gen(function* () {
          const session = yield* sessionOf(request)
          return entitlementAnswer(
            yield* issueEntitlement({ accountId: session.accountId, productId: params.productId }),
          )
        }),
    }),
  ],
  problems: {
    ...sessionProblems,
    ...accountProblems,
    ServiceEnded: phaseProblems.ServiceEnded,
    ...entitlementProblems,
  },
})
