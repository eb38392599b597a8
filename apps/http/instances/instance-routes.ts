import { Effect } from "effect"
import {
  issueRegistrationToken,
  presentRegistrationToken,
  provisionInstance,
  requestUpdate,
} from "../../../application/instances/instance-actions.js"
import {
  instanceConsoleUsers,
  listAccountInstances,
  showInstance,
  viewOf,
} from "../../../application/instances/instance-views.js"
import { systemActor } from "../../../domain/kernel/index.js"
import { accountProblems, invalidFieldsProblem } from "../accounts/account-problems.js"
import { sessionOf } from "../sessions/session-of.js"
import { sessionProblems } from "../sessions/session-problems.js"
import { defineFeature } from "../shell/feature.js"
import { defineRoute } from "../shell/route.js"
import { twoFactorProblems } from "../two-factor/two-factor-problems.js"
import { consoleUpgradeProblems } from "./console-upgrade-problems.js"
import { consoleUpgradeRoutes } from "./console-upgrade-routes.js"
import { instanceProblems } from "./instance-problems.js"
import {
  ConsoleUsers,
  Instance,
  InstanceParams,
  Instances,
  ProvisionRequest,
  Registered,
  RegistrationToken,
  TokenPresentation,
  UpdateRequest,
} from "./instance-responses.js"

const tags = ["instances"]
// The instance's id is its licence's (a keyed digest of the product key): not for the logs.
const secretParams = ["instanceId"]
const session = { SessionInvalid: true, AccountNotFound: true } as const

// Manual 004's product instances: the list, Provision Console, Add existing product (the token),
// the Apex One console's presentation of it, the update, and the console's users.
export const instancesFeature = defineFeature({
  name: "instances",
  routes: [
    defineRoute({
      method: "GET",
      path: "/v1/instances",
      summary: "The account's product instances with their status",
      tags,
      responses: { 200: { description: "One per Apex One SaaS licence", schema: Instances } },
      failures: { SessionInvalid: true },
      handler: ({ request }) =>
        Effect.gen(function* () {
          const { accountId } = yield* sessionOf(request)
          return { status: 200, body: { instances: yield* listAccountInstances(accountId) } }
        }),
    }),
    defineRoute({
      method: "POST",
      path: "/v1/instances",
      summary: "Provision Console: the Vision One console for an Apex One SaaS licence",
      description:
        "Answers at once with `provisioning`; the console becomes `ready` a while later (poll the instance, or wait for the mail). Asked again, it answers the instance as it stands.",
      tags,
      body: ProvisionRequest,
      responses: { 202: { description: "Provisioning", schema: Instance } },
      failures: { ...session, LicenceNotForInstance: true, StreamVersionConflict: true },
      handler: ({ body, request }) =>
        Effect.gen(function* () {
          const { accountId, metadata } = yield* sessionOf(request)
          const state = yield* provisionInstance(accountId, body.licenseId, metadata)
          if (state._tag === "None") return yield* Effect.dieMessage("provisioning recorded nothing")
          return { status: 202, body: viewOf(body.licenseId, state) }
        }),
    }),
    defineRoute({
      method: "GET",
      path: "/v1/instances/:instanceId",
      summary: "One product instance",
      tags,
      params: InstanceParams,
      secretParams,
      responses: { 200: { description: "The instance", schema: Instance } },
      failures: { SessionInvalid: true, InstanceNotFound: true },
      handler: ({ params, request }) =>
        Effect.gen(function* () {
          const { accountId } = yield* sessionOf(request)
          return { status: 200, body: yield* showInstance(accountId, params.instanceId) }
        }),
    }),
    defineRoute({
      method: "POST",
      path: "/v1/instances/:instanceId/registration-token",
      summary: "Add existing product: a registration token, shown once",
      description:
        "Single use; expires after an hour; a new one replaces an unused one. Paste it into the Apex One console's Trend Vision One integration setting.",
      tags,
      params: InstanceParams,
      secretParams,
      responses: { 201: { description: "The token, shown this once", schema: RegistrationToken } },
      failures: {
        SessionInvalid: true,
        InstanceNotFound: true,
        InstanceNotReady: true,
        InstanceAlreadyConnected: true,
        StreamVersionConflict: true,
      },
      handler: ({ params, request }) =>
        Effect.gen(function* () {
          const { accountId, metadata } = yield* sessionOf(request)
          const issued = yield* issueRegistrationToken(accountId, params.instanceId, metadata)
          return { status: 201, body: issued, headers: { "cache-control": "no-store" } }
        }),
    }),
    defineRoute({
      method: "POST",
      path: "/v1/instance-registrations",
      summary: "The Apex One console presents its registration token",
      description:
        "The call the Apex One console makes with the pasted token (the token is its credential): the service status becomes `registered` there and the instance `connected` here, with the console's users.",
      tags,
      auth: "none",
      body: TokenPresentation,
      responses: { 201: { description: "Registered", schema: Registered } },
      failures: {
        TokenMalformed: true,
        TokenUnknown: true,
        TokenExpired: true,
        TokenUsed: true,
        ConsoleUnavailable: true,
        StreamVersionConflict: true,
      },
      handler: ({ body, request }) =>
        Effect.gen(function* () {
          const metadata = { actor: systemActor("apex-one-console"), requestId: request.id }
          const { instanceId } = yield* presentRegistrationToken(body.token, metadata)
          return { status: 201, body: { instanceId, serviceStatus: "registered" as const } }
        }),
    }),
    defineRoute({
      method: "POST",
      path: "/v1/instances/:instanceId/update",
      summary: "Update to Standard Endpoint Protection (permanent); also the retry",
      description:
        "Needs the three documents accepted and the acknowledgement; answers `updating` at once, and the console's answer comes later: the instance is then `connected` as Standard Endpoint Protection, or stays connected as before with `lastFailure` (the console's temporary problem) and can be tried again from its `retryAt` with this same call.",
      tags,
      params: InstanceParams,
      secretParams,
      body: UpdateRequest,
      responses: { 202: { description: "Updating", schema: Instance } },
      failures: {
        ...session,
        InstanceNotFound: true,
        InstanceNotConnected: true,
        UpdateInProgress: true,
        AlreadyUpdated: true,
        AcknowledgementRequired: true,
        InstanceLicenceExpired: true,
        TemporarilyUnavailable: true,
        StreamVersionConflict: true,
      },
      handler: ({ params, body, request }) =>
        Effect.gen(function* () {
          const { accountId, metadata } = yield* sessionOf(request)
          const state = yield* requestUpdate(
            accountId,
            params.instanceId,
            {
              licenseAgreement: body.acceptLicenseAgreement,
              privacyNotice: body.acceptPrivacyNotice,
              dataCollectionNotice: body.acceptDataCollectionNotice,
              acknowledged: body.acknowledgePermanent,
            },
            metadata,
          )
          if (state._tag === "None") return yield* Effect.dieMessage("no instance after the update")
          return { status: 202, body: viewOf(params.instanceId, state) }
        }),
    }),
    defineRoute({
      method: "GET",
      path: "/v1/instances/:instanceId/console-users",
      summary: "The instance's console users",
      tags,
      params: InstanceParams,
      secretParams,
      responses: {
        200: { description: "The users, and who must upgrade at the next sign-in", schema: ConsoleUsers },
      },
      failures: { SessionInvalid: true, InstanceNotFound: true },
      handler: ({ params, request }) =>
        Effect.gen(function* () {
          const { accountId } = yield* sessionOf(request)
          return { status: 200, body: { users: yield* instanceConsoleUsers(accountId, params.instanceId) } }
        }),
    }),
    ...consoleUpgradeRoutes,
  ],
  problems: {
    ...sessionProblems,
    AccountNotFound: accountProblems.AccountNotFound,
    ...instanceProblems,
    ...consoleUpgradeProblems,
    CodeRejected: twoFactorProblems.CodeRejected,
    InvalidFields: invalidFieldsProblem,
  },
})
