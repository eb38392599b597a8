import { Effect, Schema } from "effect"
import {
  addLicense,
  type LicenseView,
  renderedLicenseList,
  showLicense,
} from "../../../application/licensing/customer-licenses.js"
import { previewKeyFrom } from "../../../application/licensing/preview-key.js"
import { defaultTimeZone } from "../../../domain/licensing/license-status.js"
import { accountProblems } from "../accounts/account-problems.js"
import { addressOf, sessionOf } from "../sessions/session-of.js"
import { sessionProblems } from "../sessions/session-problems.js"
import { defineFeature } from "../shell/feature.js"
import { idempotencyKeyOf } from "../shell/idempotency-key.js"
import { defineRoute } from "../shell/route.js"
import { licenseProblems } from "./licensing-problems.js"
import { KeyPreview, License, LicenseList, licenseListExample } from "./licensing-responses.js"

const tags = ["licensing"]

// The list is kept encoded between changes; it is the schema's encoding already (plain JSON values).
const renderLicenses = (licenses: ReadonlyArray<LicenseView>) => Buffer.from(JSON.stringify({ licenses }))

export const licensingFeature = defineFeature({
  name: "licensing",
  routes: [
    defineRoute({
      method: "GET",
      path: "/v1/license-keys/:key",
      summary: "Preview a product key before registering it",
      tags,
      auth: "none",
      params: Schema.Struct({ key: Schema.String }),
      // A product key registers a licence to whoever holds it: a bearer secret, as the operator guide says.
      secretParams: ["key"],
      responses: {
        200: {
          description: "Product, package, seats, type, expiry, and whether it can be registered",
          schema: KeyPreview,
        },
      },
      handler: ({ params, request }) =>
        Effect.map(previewKeyFrom(params.key, addressOf(request), defaultTimeZone), (preview) => ({
          status: 200,
          body: preview,
        })),
    }),
    defineRoute({
      method: "GET",
      path: "/v1/licenses",
      summary: "The account's licences with their status now",
      tags,
      responses: {
        200: {
          description: "Licences: active, expiring_soon, expired (or suspended)",
          schema: LicenseList,
          example: licenseListExample,
        },
      },
      // The hottest read of the portal: a chain rather than a generator (each costs a little per call).
      handler: ({ request }) =>
        sessionOf(request).pipe(
          Effect.flatMap((session) => renderedLicenseList(session.accountId, renderLicenses)),
          Effect.map((encoded) => ({ status: 200, encoded })),
        ),
    }),
    defineRoute({
      method: "POST",
      path: "/v1/licenses",
      summary: "Add a product key to the account",
      tags,
      body: Schema.Struct({
        licenseKey: Schema.String,
        acceptEula: Schema.Literal(true).annotations({
          message: () => "must be true: the licence agreement has to be accepted",
        }),
      }),
      responses: {
        201: { description: "The licence was added", schema: License },
        200: { description: "It was already this account's", schema: License },
      },
      handler: ({ body, request }) =>
        Effect.gen(function* () {
          const session = yield* sessionOf(request)
          const key = yield* idempotencyKeyOf(request)
          const added = yield* addLicense(session.accountId, body.licenseKey, session.metadata, key)
          return {
            status: added.added ? 201 : 200,
            body: yield* showLicense(session.accountId, added.keyHash),
          }
        }),
    }),
  ],
  problems: { ...sessionProblems, ...accountProblems, ...licenseProblems },
})
