import { instanceName, updatedProductName } from "../../../application/instances/instance-mails.js"
import type { InstanceView } from "../../../application/instances/instance-views.js"
import { Notice } from "../shell/components.js"
import type { Refusal } from "./instance-refusals.js"

/** A page of one instance: its id (the licence's, a keyed digest) in place of `:id`. */
export const instancePath = (path: string, id: string) => path.replace(":id", id)

/** The manual's display name: Apex One as a Service until the update, then Standard Endpoint Protection. */
export const displayName = (view: Pick<InstanceView, "updated">) =>
  view.updated ? updatedProductName : instanceName

/** A refusal, or the temporary problem with when to try again, as one message. */
export const RefusalNotice = (props: { readonly refusal: Refusal; readonly label?: string }) => (
  <Notice kind="error">
    <p>
      {props.label ? <strong>{`${props.label}: `}</strong> : null}
      {props.refusal.text}
    </p>
    {props.refusal.retry ? <p data-retry>{props.refusal.retry}</p> : null}
  </Notice>
)
