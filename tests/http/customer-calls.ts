import { expect } from "vitest"
import { type customerApp, json, registration } from "./customer-app.js"

type CustomerApp = Awaited<ReturnType<typeof customerApp>>

/**
 * Requests to the app in process, the body read as JSON when it is JSON (problem+json too) and kept
 * as text and bytes otherwise (QR codes). The app is read at call time: test files open it in
 * `beforeAll`.
 */
export const callsTo = (app: () => CustomerApp) => {
  const call = async (path: string, init?: RequestInit) => {
    const response = await app().app.request(path, init)
    const type = response.headers.get("content-type") ?? ""
    const bytes = new Uint8Array(await response.arrayBuffer())
    const text = new TextDecoder().decode(bytes)
    const body = type.includes("json") && text ? JSON.parse(text) : undefined
    return { status: response.status, body, text, bytes, headers: response.headers }
  }

  /** A new account with one key, and a session for it. */
  const registerAndLogin = async () => {
    const [key] = await app().issue()
    const form = registration(key!)
    const created = await call("/v1/accounts", json("POST", form))
    expect(created.status).toBe(201)
    const login = await call("/v1/sessions", json("POST", { loginId: form.loginId, password: form.password }))
    expect(login.status).toBe(201)
    return { form, key: key!, token: login.body.token as string, accountId: created.body.accountId as string }
  }

  return { call, registerAndLogin }
}
