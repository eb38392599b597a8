import { Effect, Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { RegistrationRequest } from "../../application/accounts/registration.js"
import { registerAndSignIn } from "../../application/accounts/registration-sign-in.js"
import { authenticate } from "../../application/accounts/sessions.js"
import { formatProductKey, makeProductKey } from "../../domain/licensing/product-key.js"
import { bearer, customerApp, registration } from "./customer-app.js"

// The first registration and adding a key as a browser without JavaScript sends them, and the use
// case behind "the account is created and its owner signed in".

type Server = Awaited<ReturnType<typeof customerApp>>

const cookiesOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0]!)
    .join("; ")

/** A browser's visit: its cookies kept from answer to answer, each form posted with the page's token. */
const visitor = (server: Server) => {
  let cookies = ""
  let token = ""
  const keep = async (response: Response) => {
    const fresh = cookiesOf(response)
    if (fresh !== "") cookies = [cookies, fresh].filter((c) => c !== "").join("; ")
    const html = response.headers.get("content-type")?.includes("text/html") ? await response.text() : ""
    token = html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? token
    return { status: response.status, location: response.headers.get("location"), html, response }
  }
  return {
    get: async (path: string) => keep(await server.app.request(path, { headers: { cookie: cookies } })),
    post: async (path: string, fields: Record<string, string>) =>
      keep(
        await server.app.request(path, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies },
          body: new URLSearchParams({ _csrf: token, ...fields }).toString(),
        }),
      ),
  }
}

/** The registration as the form's inputs name it (`contractor.companyName` …). */
const formFields = (licenseKey: string, overrides: Record<string, string> = {}) => {
  const body = registration(licenseKey)
  return {
    licenseKey,
    acceptEula: "on",
    loginId: body.loginId,
    password: body.password,
    passwordConfirmation: body.passwordConfirmation,
    "contractor.companyName": body.contractor.companyName,
    "contractor.postalCode": body.contractor.postalCode,
    "contractor.prefecture": body.contractor.prefecture,
    "contractor.address1": body.contractor.address1,
    "user.email": body.user.email,
    "user.contactName": body.user.contactName,
    "user.phone.areaCode": body.user.phone.areaCode,
    "user.phone.number": body.user.phone.number,
    "user.fax.areaCode": "",
    "user.fax.number": "",
    "purchaseSource.companyName": body.purchaseSource.companyName,
    emergencyContactEmail: body.emergencyContactEmail,
    supportContactChoice: "same",
    ...overrides,
  }
}

const sessionTokenOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .find((line) => line.startsWith("portcullis-session="))
    ?.split(";")[0]
    ?.slice("portcullis-session=".length)

describe("the first registration without JavaScript", () => {
  let server: Server
  beforeAll(async () => {
    server = await customerApp({ portal: true })
  })
  afterAll(() => server?.close())

  it("goes from the key to the signed-in product list, the key never in an address", async () => {
    const [key] = await server.issue()
    const browser = visitor(server)
    await browser.get("/register")
    const confirm = await browser.post("/register", { customer: "new", licenseKey: key! })
    expect(confirm.status).toBe(200)
    expect(confirm.html).toContain("製品情報を確認")
    const form = await browser.post("/register/confirm", { licenseKey: key!, acceptEula: "on" })
    expect(form.status).toBe(200)
    const idempotencyKey = form.html.match(/name="idempotencyKey" value="([^"]+)"/)?.[1]
    expect(idempotencyKey).toBeDefined()

    const support = {
      "supportContact.companyName": "サポート窓口株式会社",
      "supportContact.postalCode": "５３０－０００１",
      "supportContact.prefecture": "大阪府",
      "supportContact.address1": "大阪市北区梅田1-1",
      "supportContact.contactName": "佐藤 花子",
      "supportContact.phone.areaCode": "06",
      "supportContact.phone.number": "11112222",
      "supportContact.email": "support-desk@example.co.jp",
    }
    const fields = formFields(key!, {
      supportContactChoice: "other",
      ...support,
      idempotencyKey: idempotencyKey!,
    })
    const done = await browser.post("/register/details", fields)
    expect(done.status).toBe(303)
    expect(done.location).toBe("/products?notice=registered&product=cloud-app-security")
    const token = sessionTokenOf(done.response)
    expect(token).toBeDefined()

    // The cookie's session is the API's: the account holds the support contact given on the form.
    const account = await server.app.request("/v1/account", bearer(token!))
    const view = (await account.json()) as {
      loginId: string
      language: string
      supportContact: { companyName: string; postalCode: string; email: string }
    }
    expect(view).toMatchObject({
      loginId: fields.loginId,
      language: "ja",
      supportContact: {
        companyName: "サポート窓口株式会社",
        postalCode: "530-0001",
        email: "support-desk@example.co.jp",
      },
    })
    const list = await browser.get(done.location!)
    expect(list.html).toContain(
      "アカウントが作成され、Trend Micro Cloud App Securityのライセンスが追加されました。",
    )

    // Sent twice (a second click, a reload): the same account, signed in again, nothing registered twice.
    const twice = await browser.post("/register/details", fields)
    expect(twice.status).toBe(303)
    const [once, again] = await Promise.all(
      [token!, sessionTokenOf(twice.response)!].map((t) => server.runtime.runPromise(authenticate(t))),
    )
    expect(again!.accountId).toBe(once!.accountId)
  })

  it("lists the refusals of the schema and of the password policy together, and keeps no password", async () => {
    const [key] = await server.issue()
    const browser = visitor(server)
    await browser.get("/register")
    const refused = await browser.post(
      "/register/details",
      formFields(key!, { "contractor.companyName": "", password: "short", passwordConfirmation: "short" }),
    )
    expect(refused.status).toBe(422)
    expect(refused.html).toContain("会社情報 - 会社名: 入力してください。")
    expect(refused.html).toContain(
      "ユーザ登録情報 - パスワード: 数字、大文字、小文字を使用した8文字以上25文字以下のパスワードを設定してください。",
    )
    expect(refused.html).not.toContain('value="short"')
  })

  it("says a login ID in use, at its field", async () => {
    const [first, second] = await server.issue(2)
    const browser = visitor(server)
    await browser.get("/register")
    const fields = formFields(first!)
    expect((await browser.post("/register/details", fields)).status).toBe(303)
    const taken = await browser.post("/register/details", {
      ...formFields(second!),
      loginId: fields.loginId.toUpperCase(),
    })
    expect(taken.status).toBe(422)
    expect(taken.html).toContain(
      "ユーザ登録情報 - アカウント名（ログインID）: このログインIDはすでに使用されています。",
    )
    expect(taken.html).toContain('href="#f-loginId"')
  })

  it("refuses the steps after the key when opened by address, and a form sent without the agreement", async () => {
    const browser = visitor(server)
    for (const path of ["/register/confirm", "/register/details"]) {
      const opened = await browser.get(path)
      expect([opened.status, opened.location]).toEqual([303, "/register"])
    }
    const [key] = await server.issue()
    await browser.get("/register")
    const unticked = await browser.post("/register/confirm", { licenseKey: key! })
    expect(unticked.status).toBe(422)
    expect(unticked.html).toContain("使用許諾契約書に同意してください。")
  })

  it("answers an English browser's refusals in English", async () => {
    const [key] = await server.issue()
    const browser = visitor(server)
    await browser.get("/language/en?back=/register")
    await browser.get("/register")
    const refused = await browser.post(
      "/register/details",
      formFields(key!, { "contractor.postalCode": "12" }),
    )
    expect(refused.status).toBe(422)
    expect(refused.html).toContain("There is a problem")
    const unticked = await browser.post("/register/confirm", { licenseKey: key! })
    expect(unticked.html).toContain("The agreement box must be ticked to accept the licence agreement.")
    expect(refused.html).toContain(
      "Company information - Postal code must be a 7-digit postal code (123-4567).",
    )
  })
})

describe("key look-ups from one address", () => {
  let server: Server
  beforeAll(async () => {
    server = await customerApp({ portal: true })
  })
  afterAll(() => server?.close())

  it("are throttled after repeated misses, with the rate-limit message and Retry-After", async () => {
    const browser = visitor(server)
    await browser.get("/register")
    const statuses: Array<number> = []
    let throttled: Awaited<ReturnType<typeof browser.post>> | undefined
    for (let attempt = 0; attempt < 15 && throttled === undefined; attempt++) {
      const neverIssued = formatProductKey(
        makeProductKey(
          "rk",
          Array.from({ length: 17 }, () => attempt),
        ),
      )
      const answer = await browser.post("/register", { customer: "new", licenseKey: neverIssued })
      statuses.push(answer.status)
      if (answer.status === 429) throttled = answer
    }
    expect(statuses.slice(0, 10)).toEqual(Array.from({ length: 10 }, () => 404))
    expect(throttled?.html).toContain("試行回数が上限に達しました。")
    expect(Number(throttled?.response.headers.get("retry-after"))).toBeGreaterThan(0)
  })
})

describe("the use case behind Step 5", () => {
  let server: Server
  beforeAll(async () => {
    server = await customerApp()
  })
  afterAll(() => server?.close())

  it("creates the account, signs its owner in and names the registered product; a retry signs in again", async () => {
    const [key] = await server.issue(1, { productId: "apex-one-saas" })
    const request = Effect.runSync(Schema.decodeUnknown(RegistrationRequest)(registration(key!)))
    const run = () =>
      server.runtime.runPromise(
        registerAndSignIn(
          request,
          (accountId) => ({ actor: { kind: "customer", id: accountId } }),
          "retry-1",
        ),
      )
    const first = await run()
    expect(first.productId).toBe("apex-one-saas")
    const session = await server.runtime.runPromise(authenticate(first.session.token))
    expect(session.accountId).toBe(first.accountId)
    expect(session.authenticatedWith).toBe("password")
    const retried = await run()
    expect(retried.accountId).toBe(first.accountId)
    expect(retried.session.token).not.toBe(first.session.token)
  })
})

describe("adding a key without JavaScript", () => {
  let server: Server
  beforeAll(async () => {
    server = await customerApp({ portal: true })
  })
  afterAll(() => server?.close())

  const signedIn = async () => {
    const [key] = await server.issue()
    const browser = visitor(server)
    await browser.get("/register")
    const done = await browser.post("/register/details", formFields(key!))
    expect(done.status).toBe(303)
    await browser.get("/products/add")
    return { browser, key: key! }
  }

  it("refuses a key registered to another account, and one already on this account's list", async () => {
    const other = await signedIn()
    const { browser, key } = await signedIn()
    const theirs = await browser.post("/products/add", { licenseKey: other.key })
    expect(theirs.status).toBe(409)
    expect(theirs.html).toContain("このキーはすでに登録されています。")
    const mine = await browser.post("/products/add", { licenseKey: key })
    expect(mine.status).toBe(409)
  })

  it("adds the key once the agreement is ticked, and says so on the list", async () => {
    const { browser } = await signedIn()
    const [key] = await server.issue(1, { productId: "password-manager", packageId: "annual" })
    const unticked = await browser.post("/products/add/confirm", { licenseKey: key! })
    expect(unticked.status).toBe(422)
    expect(unticked.html).toContain("使用許諾契約書に同意してください。")
    const added = await browser.post("/products/add/confirm", { licenseKey: key!, acceptEula: "on" })
    expect([added.status, added.location]).toEqual([303, "/products?notice=added"])
    const list = await browser.get(added.location!)
    expect(list.html).toContain("製品が追加されました。")
    expect(list.html).toContain("パスワードマネージャー")
  })

  it("sends a browser without a session to sign in", async () => {
    const opened = await visitor(server).get("/products/add")
    expect([opened.status, opened.location]).toEqual([303, "/login?next=%2Fproducts%2Fadd"])
  })
})
