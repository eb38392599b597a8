import { Effect, Schema } from "effect"
import { resendCountdownPolicy } from "../../../application/accounts/primary-user-account.js"
import {
  assignUpgradeEmail,
  consoleUpgradeMailBudget,
  consoleUpgradeStatus,
  resendUpgradeCode,
  verifyUpgradeEmail,
} from "../../../application/instances/console-upgrade.js"
import {
  completeConsoleUpgrade,
  consoleSignIn,
} from "../../../application/instances/console-upgrade-password.js"
import { type QuotaPolicies, quotaOf } from "../../../application/platform/throttle.js"
import { type EventMetadata, systemActor } from "../../../domain/kernel/index.js"
import { defineRoute } from "../shell/route.js"
import type { RequestInfo } from "../shell/route-types.js"
import { digits } from "../shell/wire.js"
import {
  ConsoleSignIn,
  ConsoleSignInRequest,
  ConsoleUpgradeStatus,
  ConsoleUserParams,
  ConsoleUserUpgraded,
  UpgradeEmailRequest,
  UpgradePasswordRequest,
} from "./console-upgrade-responses.js"
import { InstanceParams } from "./instance-responses.js"

// The console's calls for a console user (manual 004, STEP 3 end; docs/decisions.md, 63): the
// sign-in with the old user name answers "upgrade your account", and the upgrade's steps follow on
// the user's behalf. The console is another system that holds the old credentials; its sign-in is
// simulated here, so these calls carry no portal session (as the token presentation does not).

const tags = ["console users"]
const secretParams = ["instanceId"]
// The console's user name is another system's account name: kept out of the logs as well.
const userParams = ["instanceId", "userName"]
const path = "/v1/instances/:instanceId/console-users/:userName/upgrade"
const status = { description: "Where the user's upgrade stands", schema: ConsoleUpgradeStatus }
const codeLimits: QuotaPolicies = [quotaOf(consoleUpgradeMailBudget), resendCountdownPolicy]
const consoleCall = (request: RequestInfo): EventMetadata => ({
  actor: systemActor("vision-one-console"),
  requestId: request.id,
})
const standing = {
  InstanceNotFound: true,
  InstanceNotUpdated: true,
  ConsoleUserUnknown: true,
  ConsoleUserAlreadyUpgraded: true,
} as const
const stored = { StreamVersionConflict: true, IdempotencyKeyReused: true } as const

export const consoleUpgradeRoutes = [
  defineRoute({
    method: "POST",
    path: "/v1/instances/:instanceId/console-sign-ins",
    summary: "The console's sign-in: the old user name answers “upgrade your account”; the e-mail signs in",
    description:
      "After the update, a console user name answers `upgrade-required` (not a session) until the user has upgraded; then the name is refused (`console-user-upgraded`) and the e-mail address with its password signs in. Before the update: `instance-not-updated`.",
    tags,
    auth: "none",
    params: InstanceParams,
    secretParams,
    body: ConsoleSignInRequest,
    responses: { 200: { description: "Upgrade required, or signed in", schema: ConsoleSignIn } },
    failures: { ...standing, ConsoleSignInFailed: true },
    handler: ({ params, body }) =>
      Effect.map(consoleSignIn(params.instanceId, body), (answer) => ({ status: 200, body: answer })),
  }),
  defineRoute({
    method: "GET",
    path,
    summary: "Where a console user's upgrade stands (countdown, attempts left)",
    tags,
    auth: "none",
    params: ConsoleUserParams,
    secretParams: userParams,
    responses: { 200: status },
    failures: standing,
    handler: ({ params }) =>
      Effect.map(consoleUpgradeStatus(params.instanceId, params.userName), (body) => ({ status: 200, body })),
  }),
  defineRoute({
    method: "POST",
    path: `${path}/email`,
    summary: "The e-mail address (typed twice) for the upgrade: a verification code is mailed to it",
    description:
      "A new code replaces any code waiting, once the countdown of the last one is over (`resend-too-soon` says how many seconds are left). Another console user of the instance must not have upgraded to the address.",
    tags,
    auth: "none",
    params: ConsoleUserParams,
    secretParams: userParams,
    body: UpgradeEmailRequest,
    responses: { 202: { ...status, description: "A code was mailed; the countdown starts" } },
    failures: {
      ...standing,
      ...stored,
      ConsoleEmailTaken: true,
      InvalidFields: true,
      RateLimited: codeLimits,
      ResendTooSoon: codeLimits,
    },
    handler: ({ params, body, request }) =>
      Effect.map(
        assignUpgradeEmail(params.instanceId, params.userName, body, consoleCall(request)),
        (sent) => ({
          status: 202,
          body: sent,
        }),
      ),
  }),
  defineRoute({
    method: "POST",
    path: `${path}/email/resend`,
    summary: "A new code to the same address once the countdown is over; the old code stops working",
    tags,
    auth: "none",
    params: ConsoleUserParams,
    secretParams: userParams,
    responses: { 202: { ...status, description: "A new code was mailed" } },
    failures: {
      ...standing,
      ...stored,
      NoVerificationCode: true,
      RateLimited: codeLimits,
      ResendTooSoon: codeLimits,
    },
    handler: ({ params, request }) =>
      Effect.map(resendUpgradeCode(params.instanceId, params.userName, consoleCall(request)), (sent) => ({
        status: 202,
        body: sent,
      })),
  }),
  defineRoute({
    method: "POST",
    path: `${path}/verification`,
    summary: "The mailed code: the address is verified and the password comes next",
    tags,
    auth: "none",
    params: ConsoleUserParams,
    secretParams: userParams,
    body: Schema.Struct({ code: digits(6) }),
    responses: { 200: { ...status, description: "Verified: the password is next" } },
    failures: {
      ...standing,
      ...stored,
      CodeRejected: true,
      NoVerificationCode: true,
      VerificationCodeExpired: true,
      VerificationLocked: true,
    },
    handler: ({ params, body, request }) =>
      Effect.map(
        verifyUpgradeEmail(params.instanceId, params.userName, body.code, consoleCall(request)),
        (verified) => ({ status: 200, body: verified }),
      ),
  }),
  defineRoute({
    method: "POST",
    path: `${path}/password`,
    summary: "The password (twice): the user is an e-mail user account and signs in with the address",
    tags,
    auth: "none",
    params: ConsoleUserParams,
    secretParams: userParams,
    body: UpgradePasswordRequest,
    responses: {
      200: { description: "Upgraded: the old user name signs in no more", schema: ConsoleUserUpgraded },
    },
    failures: {
      ...standing,
      ...stored,
      ConsoleEmailTaken: true,
      InvalidFields: true,
      UpgradeEmailNotVerified: true,
    },
    handler: ({ params, body, request }) =>
      Effect.map(
        completeConsoleUpgrade(params.instanceId, params.userName, body, consoleCall(request)),
        (done) => ({ status: 200, body: done }),
      ),
  }),
]
