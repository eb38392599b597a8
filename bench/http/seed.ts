import { json, registration } from "../../tests/http/customer-app.js"

/** One call over real HTTP; a refusal stops the benchmark, since its figures would mean nothing. */
export const call = async (base: string, path: string, init: RequestInit = {}) => {
  const response = await fetch(`${base}${path}`, init)
  const text = await response.text()
  const body: unknown = text === "" ? undefined : JSON.parse(text)
  if (!response.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${response.status} ${text}`)
  return body
}

/** One account holding `licenseCount` licences, and a session token for it. */
export const seedAccount = async (
  base: string,
  licenseCount: number,
  issue: (count: number) => Promise<ReadonlyArray<string>>,
) => {
  const [first, ...rest] = await issue(licenseCount)
  const form = registration(first!)
  await call(base, "/v1/accounts", json("POST", form))
  const credentials = { loginId: form.loginId, password: form.password }
  const { token } = (await call(base, "/v1/sessions", json("POST", credentials))) as { token: string }
  for (const licenseKey of rest) {
    await call(base, "/v1/licenses", json("POST", { licenseKey, acceptEula: true }, token))
  }
  const { licenses } = (await call(base, "/v1/licenses", {
    headers: { authorization: `Bearer ${token}` },
  })) as { licenses: ReadonlyArray<unknown> }
  if (licenses.length !== licenseCount) {
    throw new Error(`GET /v1/licenses answered ${licenses.length} licences, expected ${licenseCount}`)
  }
  return { token, credentials }
}
