import { VaultProblem } from "../../apps/vault-client/index.js"

/** The problem a vault call was refused with, as the client library raises it; a success fails the test. */
export const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise
  } catch (error) {
    if (error instanceof VaultProblem)
      return { status: error.status, slug: error.slug, problem: error.problem }
    throw error
  }
  throw new Error("the call was not refused")
}
