import { Schema } from "effect"
import { Id, Instant } from "../shell/wire.js"

export const InstanceParams = Schema.Struct({
  instanceId: Schema.String.pipe(Schema.pattern(/^[a-f0-9]{16,128}$/)),
})

export const Instance = Schema.Struct({
  id: Id.annotations({ description: "The product instance; the same id as its licence" }),
  licenseId: Id.annotations({ description: "The licence, as `GET /v1/licenses` names it" }),
  status: Schema.Literal("not-provisioned", "provisioning", "ready", "connected", "updating").annotations({
    description:
      "not-provisioned: Provision Console is possible; provisioning → ready: the Vision One console; connected: the Apex One console presented its registration token (and stays connected through and after the update); updating: the update runs",
  }),
  productId: Schema.String.annotations({
    description: "The product it is connected as: apex-one-saas until the update, then vision-one-sep",
  }),
  updated: Schema.Boolean.annotations({ description: "Connected as Standard Endpoint Protection" }),
  consoleUsers: Schema.Int.annotations({ description: "How many console users the instance has" }),
  lastFailure: Schema.optional(
    Schema.Struct({
      attempt: Schema.Int,
      message: Schema.String.annotations({ description: "The console's words: a temporary problem" }),
      retryAt: Instant.annotations({ description: "The update can be tried again from then" }),
    }),
  ).annotations({
    description: "The last attempt met the console's temporary problem; the update did not begin",
  }),
  tokenExpiresAt: Schema.optional(Instant).annotations({
    description: "A registration token waits to be presented until then (it is shown only once, when issued)",
  }),
}).annotations({ identifier: "ProductInstance" })

export const Instances = Schema.Struct({ instances: Schema.Array(Instance) })

export const RegistrationToken = Schema.Struct({
  token: Schema.String.annotations({
    description: "Shown once: paste it into the Apex One console's Trend Vision One integration setting",
  }),
  expiresAt: Instant,
})

export const ConsoleUsers = Schema.Struct({
  users: Schema.Array(
    Schema.Struct({
      userName: Schema.String,
      displayName: Schema.String,
      role: Schema.String,
      mustUpgrade: Schema.Boolean.annotations({
        description: "After the update: the user upgrades to an e-mail address account at the next sign-in",
      }),
      email: Schema.optional(Schema.String).annotations({
        description:
          "Once upgraded: the e-mail user account the user signs in with (the user name no longer does)",
      }),
    }),
  ),
})

export const ProvisionRequest = Schema.Struct({
  licenseId: Id.annotations({ description: "One of the account's Apex One SaaS licences" }),
})

const accepted = (what: string) =>
  Schema.Boolean.annotations({ description: `${what}: must be true for the update to start` })

export const UpdateRequest = Schema.Struct({
  acceptLicenseAgreement: accepted("The licence agreement accepted"),
  acceptPrivacyNotice: accepted("The privacy notice accepted"),
  acceptDataCollectionNotice: accepted("The data-collection notice accepted"),
  acknowledgePermanent: accepted(
    "Acknowledged: the update is permanent, signs every console user out, and users may have to upgrade their accounts",
  ),
})

export const TokenPresentation = Schema.Struct({
  token: Schema.String.pipe(Schema.maxLength(512)).annotations({
    description: "The registration token as issued",
  }),
})

export const Registered = Schema.Struct({
  instanceId: Id,
  serviceStatus: Schema.Literal("registered").annotations({ description: "What the Apex One console shows" }),
})
