import type { Hono } from "hono"
import { expect } from "vitest"

/**
 * A browser on the portal, signed in through the sign-in form: its cookies sent back on every
 * request, the CSRF token its pages carry, GETs and form POSTs.
 */
export const signedInPortalBrowser = async (
  app: Pick<Hono, "request">,
  form: { readonly loginId: string; readonly password: string },
) => {
  const jar = new Map<string, string>()
  const take = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [name, value] = line.split(";")[0]!.split("=") as [string, string]
      if (value === "" || /max-age=0/i.test(line)) jar.delete(name)
      else jar.set(name, value)
    }
    return response
  }
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ")
  const csrf = (await take(await app.request("/login")).text()).match(/name="_csrf" value="([^"]+)"/)![1]!
  const get = async (path: string) => take(await app.request(path, { headers: { cookie: cookie() } }))
  const post = async (path: string, fields: Record<string, string>) =>
    take(
      await app.request(path, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
        body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
      }),
    )
  expect((await post("/login", { loginId: form.loginId, password: form.password })).status).toBe(303)
  return { csrf, cookie, get, post }
}
