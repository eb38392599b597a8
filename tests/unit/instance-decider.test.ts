import { describe, it } from "vitest"
import {
  ConsoleProvisioned,
  InstanceConnected,
  InstanceSwitched,
  instanceDecider,
  ProvisioningRequested,
  RegistrationTokenIssued,
  SagaResumed,
  type UpdateAcceptances,
  UpdateBegan,
  UpdateFailedForNow,
  UpdateRequested,
} from "../../domain/instances/instance.js"
import { Instant } from "../../domain/kernel/index.js"
import { deciderSpec } from "../support/decider-spec.js"

const at = Instant.make("2026-12-07T09:00:00.000Z")
const later = Instant.make("2026-12-07T10:00:00.000Z")
const retryAt = Instant.make("2026-12-07T09:30:00.000Z")
const spec = deciderSpec(instanceDecider)

const facts = { accountId: "acc-1", licenseKeyHash: "kh", productId: "apex-one-saas" }
const requested = ProvisioningRequested.make({ ...facts, at })
const provisioned = ConsoleProvisioned.make({ at })
const token = RegistrationTokenIssued.make({ tokenDigest: "t1", expiresAt: later, at })
const users = [{ userName: "admin", displayName: "Administrator", role: "Master Administrator" }]
const connected = InstanceConnected.make({ tokenDigest: "t1", consoleUsers: users, at })
const toConnected = [requested, provisioned, token, connected]
const all: UpdateAcceptances = {
  licenseAgreement: true,
  privacyNotice: true,
  dataCollectionNotice: true,
  acknowledged: true,
}
const update = {
  _tag: "RequestUpdate" as const,
  acceptances: all,
  licenceExpiresOn: "2027-03-31",
  today: "2026-12-07",
  at,
}
const updating1 = UpdateRequested.make({ attempt: 1, at })
const failed1 = UpdateFailedForNow.make({ attempt: 1, reason: "temporary problem", retryAt, at })
const began1 = UpdateBegan.make({ attempt: 1, at })
const switched1 = InstanceSwitched.make({
  attempt: 1,
  fromProduct: "apex-one-saas",
  productId: "vision-one-sep",
  at,
})

describe("instance decider: provisioning", () => {
  it("is requested once for a licence, and recorded ready once", () => {
    spec
      .given([])
      .when({ _tag: "RequestProvisioning", ...facts, at })
      .thenEmits([requested])
    spec
      .given([requested])
      .when({ _tag: "RequestProvisioning", ...facts, at })
      .thenNothing()
    spec.given([requested]).when({ _tag: "RecordProvisioned", at }).thenEmits([provisioned])
    spec.given([requested, provisioned]).when({ _tag: "RecordProvisioned", at }).thenNothing()
    spec.given([]).when({ _tag: "RecordProvisioned", at }).thenRefuses("InstanceNotFound")
  })
})

describe("instance decider: the registration token", () => {
  const issue = { _tag: "IssueToken" as const, tokenDigest: "t2", expiresAt: later, at }
  it("is issued once the console is ready, a new one replacing an unused one", () => {
    spec.given([requested]).when(issue).thenRefuses("InstanceNotReady")
    spec
      .given([requested, provisioned, token])
      .when(issue)
      .thenEmits([RegistrationTokenIssued.make({ tokenDigest: "t2", expiresAt: later, at })])
    spec.given(toConnected).when(issue).thenRefuses("InstanceAlreadyConnected")
    spec.given([]).when(issue).thenRefuses("InstanceNotFound")
  })

  const present = (tokenDigest: string, when = at) =>
    ({ _tag: "PresentToken", tokenDigest, consoleUsers: users, at: when }) as const
  it("connects the instance once, before it expires, and only the newest", () => {
    spec.given([requested, provisioned, token]).when(present("t1")).thenEmits([connected])
    spec.given([requested, provisioned, token]).when(present("t1", later)).thenRefuses("TokenExpired")
    spec.given([requested, provisioned, token]).when(present("other")).thenRefuses("TokenUnknown")
    const replaced = RegistrationTokenIssued.make({ tokenDigest: "t2", expiresAt: later, at })
    spec.given([requested, provisioned, token, replaced]).when(present("t1")).thenRefuses("TokenUnknown")
    spec.given([requested, provisioned]).when(present("t1")).thenRefuses("TokenUnknown")
  })
  it("is used once: presented again it is refused as used", () => {
    spec.given(toConnected).when(present("t1")).thenRefuses("TokenUsed")
    spec.given(toConnected).when(present("t9")).thenRefuses("TokenUnknown")
  })
})

describe("instance decider: the update", () => {
  it("starts from connected with everything accepted on a running licence", () => {
    spec.given(toConnected).when(update).thenEmits([updating1])
  })
  it("needs the three documents and the acknowledgement, and names what is missing", () => {
    spec
      .given(toConnected)
      .when({ ...update, acceptances: { ...all, acknowledged: false, privacyNotice: false } })
      .thenRefuses("AcknowledgementRequired", { missing: ["privacyNotice", "acknowledged"] })
  })
  it("is refused on a licence past its last day in the account's calendar", () => {
    spec
      .given(toConnected)
      .when({ ...update, licenceExpiresOn: "2026-12-06" })
      .thenRefuses("InstanceLicenceExpired", { expiresOn: "2026-12-06" })
    spec
      .given(toConnected)
      .when({ ...update, licenceExpiresOn: "2026-12-07" })
      .thenEmits([updating1])
  })
  it("needs a connected instance", () => {
    spec.given([requested, provisioned]).when(update).thenRefuses("InstanceNotConnected")
    spec.given([]).when(update).thenRefuses("InstanceNotFound")
  })
  it("can never be started twice", () => {
    spec
      .given([...toConnected, updating1])
      .when(update)
      .thenRefuses("UpdateInProgress")
    spec
      .given([...toConnected, updating1, began1])
      .when(update)
      .thenRefuses("UpdateInProgress")
    spec
      .given([...toConnected, updating1, began1, switched1])
      .when(update)
      .thenRefuses("AlreadyUpdated")
  })
  it("after the console's temporary problem, can be tried again from its retry time, as the next attempt", () => {
    const given = [...toConnected, updating1, failed1]
    spec.given(given).when(update).thenRefuses("TemporarilyUnavailable", { retryAt, retryAfterSeconds: 1800 })
    spec
      .given(given)
      .when({ ...update, at: retryAt })
      .thenEmits([UpdateRequested.make({ attempt: 2, at: retryAt })])
  })
})

describe("instance decider: the saga's records", () => {
  const fail = {
    _tag: "RecordUpdateFailedForNow" as const,
    attempt: 1,
    reason: "temporary problem",
    retryAt,
    at,
  }
  const begin = { _tag: "RecordUpdateBegan" as const, attempt: 1, at }
  const finish = { _tag: "RecordUpdateFinished" as const, attempt: 1, at }
  it("records the temporary problem only before the update has begun", () => {
    spec
      .given([...toConnected, updating1])
      .when(fail)
      .thenEmits([failed1])
    spec
      .given([...toConnected, updating1, began1])
      .when(fail)
      .thenNothing()
  })
  it("records the beginning and the end once each", () => {
    spec
      .given([...toConnected, updating1])
      .when(begin)
      .thenEmits([began1])
    spec
      .given([...toConnected, updating1, began1])
      .when(begin)
      .thenNothing()
    spec
      .given([...toConnected, updating1, began1])
      .when(finish)
      .thenEmits([switched1])
    spec
      .given([...toConnected, updating1, began1, switched1])
      .when(finish)
      .thenNothing()
  })
  it("ignores an answer about another attempt (a step run again after a crash)", () => {
    const given = [...toConnected, updating1, failed1, UpdateRequested.make({ attempt: 2, at: retryAt })]
    spec.given(given).when(fail).thenNothing()
    spec.given(given).when(finish).thenNothing()
    spec
      .given([...toConnected])
      .when(finish)
      .thenNothing()
  })
  it("leaves every console user to upgrade at the next sign-in once switched", () => {
    const { state } = spec.given([...toConnected, updating1, began1, switched1]).when(finish)
    if (state._tag !== "Switched") throw new Error("not switched")
    if (!state.users.every((user) => user.mustUpgrade)) throw new Error("users not marked")
  })
})

describe("instance decider: support resumes the saga", () => {
  const resume = { _tag: "ResumeSaga" as const, at }
  it("at the step it waits on, and not once it has nothing to wait for", () => {
    spec
      .given([requested])
      .when(resume)
      .thenEmits([SagaResumed.make({ step: "provision", at })])
    spec
      .given([...toConnected, updating1])
      .when(resume)
      .thenEmits([SagaResumed.make({ step: "start-update", attempt: 1, at })])
    spec
      .given([...toConnected, updating1, began1])
      .when(resume)
      .thenEmits([SagaResumed.make({ step: "finish-update", attempt: 1, at })])
    spec.given(toConnected).when(resume).thenNothing()
    spec
      .given([...toConnected, updating1, began1, switched1])
      .when(resume)
      .thenNothing()
    spec.given([]).when(resume).thenRefuses("InstanceNotFound")
  })
})
