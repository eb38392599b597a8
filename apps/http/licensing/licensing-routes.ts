import { Effect, Either, Schema } from "effect"
import {
  addLicense,
  type LicenseView,
  listLicenses,
  renderedLicenseList,
  showLicense,
} from "../../../application/licensing/customer-licenses.js"
import { previewKeyFrom, previewLimits } from "../../../application/licensing/preview-key.js"
import { defaultPageLimit, type Page, pageOf } from "../../../application/platform/page.js"
import { defaultTimeZone } from "../../../domain/licensing/license-status.js"
import { accountProblems } from "../accounts/account-problems.js"
import { phaseProblems } from "../lifecycle/lifecycle-problems.js"
import { addressOf, sessionOf } from "../sessions/session-of.js"
import { sessionProblems } from "../sessions/session-problems.js"
import { defineFeature } from "../shell/feature.js"
import { idempotencyKeyHeader, idempotencyKeyOf } from "../shell/idempotency-key.js"
import { PageQuery, pageRequestOf } from "../shell/page-query.js"
import { defineRoute } from "../shell/route.js"
import { licenseProblems } from "./licensing-problems.js"
import { KeyPreview, License, LicenseList, licenseListExample } from "./licensing-responses.js"

const tags = ["licensing"]

// A page is the schema's encoding already (plain JSON values), so it is sent as it is rendered.
const encodePage = (page: Page<LicenseView>) =>
  Buffer.from(JSON.stringify({ licenses: page.items, hasMore: page.hasMore, next: page.next }))

const licenseId = (license: LicenseView) => license.id

// The first page at the default size is kept encoded between changes (decision 23): it is what the
// portal asks for on every page. Its request never names a cursor, so it cannot fail.
const renderFirstPage = (licenses: ReadonlyArray<LicenseView>) =>
  encodePage(Either.getOrThrow(pageOf(licenses, licenseId, { limit: defaultPageLimit })))

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
      failures: { ProductKeyMalformed: true, ProductKeyUnknown: true, RateLimited: previewLimits },
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
      failures: { AccountNotFound: true, InvalidCursor: true, SessionInvalid: true },
      query: PageQuery,
      // The hottest read of the portal: a chain rather than a generator (each costs a little per call).
      handler: ({ query, request }) => {
        const page = pageRequestOf(query)
        const first = page.after === undefined && page.limit === defaultPageLimit
        return sessionOf(request).pipe(
          Effect.flatMap((session) =>
            Effect.if(first, {
              onTrue: () => renderedLicenseList(session.accountId, renderFirstPage),
              onFalse: () =>
                Effect.map(
                  Effect.flatMap(listLicenses(session.accountId), (all) => pageOf(all, licenseId, page)),
                  encodePage,
                ),
            }),
          ),
          Effect.map((encoded) => ({ status: 200, encoded })),
        )
      },
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
      headers: idempotencyKeyHeader,
      responses: {
        201: { description: "The licence was added", schema: License },
        200: { description: "It was already this account's", schema: License },
      },
      failures: {
        IdempotencyKeyReused: true,
        InvalidIdempotencyKey: true,
        AccountNotFound: true,
        LicenseAlreadyRegistered: true,
        LicenseKeyAlreadyIssued: true,
        LicenseKeyExpired: true,
        ServiceEnded: true,
        LicenseKeyUnknown: true,
        LicenseNotRegistered: true,
        ProductKeyMalformed: true,
        ProductKeyUnknown: true,
        SessionInvalid: true,
        StreamVersionConflict: true,
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
  problems: {
    ...sessionProblems,
    ...accountProblems,
    ...licenseProblems,
    ServiceEnded: phaseProblems.ServiceEnded,
  },
})
