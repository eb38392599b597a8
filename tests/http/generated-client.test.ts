import { execFile } from "node:child_process"
import { existsSync } from "node:fs"
import { mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { openApiDocumentOf } from "../../apps/http/app.js"
import { customerFeatures } from "../../apps/http/features.js"

// A client generated from `/openapi.json` as an integrator would (openapi-typescript), and a small
// program written against it, type-checked with TypeScript 5: the document is only useful if the
// bodies it types are real types. The tools live in their own package (openapi-typescript needs
// TypeScript 5's JS API, which the project's TypeScript 7 does not have).

const run = promisify(execFile)
const tools = fileURLToPath(new URL("../tools/openapi-client/", import.meta.url))
const openapiTypescript = join(tools, "node_modules/openapi-typescript/bin/cli.js")
const tsc = join(tools, "node_modules/typescript/bin/tsc")
const install = "npm ci --prefix tests/tools/openapi-client --no-audit --no-fund"

const document = openApiDocumentOf({
  runtime: undefined as never,
  features: customerFeatures,
  health: Effect.succeed({ ok: true, checks: {} }),
  info: { title: "Portcullis", version: "0.1.0" },
})

const registrationExample =
  document.paths["/v1/accounts"]?.post?.requestBody?.content["application/json"]?.example

// Reading a member of `never` type-checks, so each body the program uses is first required to be a
// real type: neither `never` nor `unknown`.
const program = `import type { paths } from "./portcullis.js"

type Json<T> = T extends { content: { "application/json": infer B } } ? B : never
type ProblemJson<T> = T extends { content: { "application/problem+json": infer B } } ? B : never
type Usable<T> = [T] extends [never] ? false : unknown extends T ? false : true

type Registration = paths["/v1/accounts"]["post"]["requestBody"]["content"]["application/json"]
type Registered = Json<paths["/v1/accounts"]["post"]["responses"][201]>
type LogIn = paths["/v1/sessions"]["post"]["requestBody"]["content"]["application/json"]
type Session = Json<paths["/v1/sessions"]["post"]["responses"][201]>
type Licenses = Json<paths["/v1/licenses"]["get"]["responses"][200]>
type Problem = ProblemJson<paths["/v1/sessions"]["post"]["responses"][401]>

export const usable: [Usable<Registered>, Usable<Session>, Usable<Licenses>, Usable<Problem>] = [
  true,
  true,
  true,
  true,
]

const post = async <B>(base: string, path: string, body: unknown, token?: string): Promise<B> => {
  const headers: Record<string, string> = { "content-type": "application/json" }
  if (token !== undefined) headers.authorization = \`Bearer \${token}\`
  const response = await fetch(base + path, { method: "POST", headers, body: JSON.stringify(body) })
  return (await response.json()) as B
}

export const registerLogInAndList = async (base: string): Promise<ReadonlyArray<string>> => {
  const registration: Registration = ${JSON.stringify(registrationExample, null, 2)}
  const registered = await post<Registered>(base, "/v1/accounts", registration)
  const logIn: LogIn = { loginId: registered.loginId, password: registration.password }
  const session = await post<Session>(base, "/v1/sessions", logIn)
  const token: string = session.token
  const response = await fetch(base + "/v1/licenses", { headers: { authorization: \`Bearer \${token}\` } })
  const list = (await response.json()) as Licenses
  return list.licenses.map((license) => {
    const status: "active" | "expiring_soon" | "expired" | "suspended" = license.status
    const expiresOn: string = license.expiresOn
    return \`\${license.productId} \${status} \${expiresOn}\`
  })
}

export const problemType = (problem: Problem): string => problem.type
`

const tsconfig = {
  compilerOptions: {
    target: "es2022",
    lib: ["es2022", "dom"],
    module: "nodenext",
    moduleResolution: "nodenext",
    strict: true,
    noEmit: true,
    types: [],
  },
  files: ["portcullis.ts", "program.ts"],
}

describe("a TypeScript client generated from /openapi.json", () => {
  let dir = ""
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "portcullis-client-"))
  })
  afterAll(async () => {
    if (dir !== "") await rm(dir, { recursive: true, force: true })
  })

  const typeCheck = async (source: string) => {
    await writeFile(join(dir, "program.ts"), source)
    return run(process.execPath, [tsc, "-p", join(dir, "tsconfig.json")], { cwd: dir }).then(
      () => "",
      (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ""}${error.stderr ?? ""}`,
    )
  }

  it("types a program that registers, logs in and lists licences", { timeout: 120_000 }, async () => {
    expect(
      existsSync(openapiTypescript) && existsSync(tsc),
      `the client tools are not installed: ${install}`,
    ).toBe(true)
    expect(registrationExample).toBeDefined()
    await writeFile(join(dir, "openapi.json"), JSON.stringify(document))
    await writeFile(join(dir, "tsconfig.json"), JSON.stringify(tsconfig))
    await run(process.execPath, [openapiTypescript, "openapi.json", "--output", "portcullis.ts"], {
      cwd: dir,
    })
    expect(await typeCheck(program)).toBe("")
    // The check has teeth: a member no body has, and a body typed `never`, are both refused.
    const wrongMember = program.replace("license.expiresOn", "license.expiresAt")
    expect(await typeCheck(wrongMember)).toContain("expiresAt")
    const neverBody = program.replace(
      'type Licenses = Json<paths["/v1/licenses"]["get"]["responses"][200]>',
      "type Licenses = never",
    )
    expect(await typeCheck(neverBody)).toContain("error TS")
  })
})
