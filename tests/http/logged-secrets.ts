import { Layer, Logger, LogLevel } from "effect"
import type { Hono } from "hono"

// Every line a test app logs, at every level, and every secret its test used: keys, tokens, ids,
// passwords and codes. No line may contain any of them, on matched, unmatched or malformed paths.

/** A logger keeping every line (as JSON), and printing warnings and worse as `serve` would. */
export const capturedLog = () => {
  const lines: Array<string> = []
  const logger = Logger.make((options) => {
    const line = Logger.jsonLogger.log(options)
    lines.push(line)
    if (LogLevel.greaterThanEqual(options.logLevel, LogLevel.Warning)) console.error(line)
  })
  const layer = Layer.merge(
    Logger.replace(Logger.defaultLogger, logger),
    Logger.minimumLogLevel(LogLevel.All),
  )
  return { lines, layer }
}

// Fields whose values are secrets, in request and response bodies alike.
const secretFields = new Set([
  "password",
  "passwordConfirmation",
  "currentPassword",
  "newPassword",
  "newPasswordConfirmation",
  "code",
  "token",
  "challengeId",
  "licenseKey",
  "recoveryCodes",
  "secret",
  "otpauthUri",
  // The vault's: what proves or wraps the client key, and what the client key encrypts.
  "keyProof",
  "clientKey",
  "wrappedVaultKey",
  "ciphertext",
])

// Shorter values are words that appear in log lines anyway ("x", "abc"), not secrets.
const shortest = 8

/** The secrets a test has used so far, and the check that none reached the log. */
export const secretsOfTest = (routeWords: ReadonlySet<string>) => {
  const secrets = new Set<string>()
  const add = (value: unknown) => {
    if (typeof value === "string" && value.length >= shortest) secrets.add(value)
    if (Array.isArray(value)) for (const item of value) add(item)
  }
  const harvest = (json: unknown) => {
    if (Array.isArray(json)) for (const item of json) harvest(item)
    else if (typeof json === "object" && json !== null) {
      for (const [key, value] of Object.entries(json)) {
        if (secretFields.has(key)) add(value)
        // A login challenge's id proves the password was given.
        else if (key === "challenge" && typeof value === "object" && value !== null && "id" in value) {
          add(value.id)
        } else harvest(value)
      }
    }
  }
  const harvestText = (text: string | undefined) => {
    try {
      if (text) harvest(JSON.parse(text))
    } catch {
      // Not JSON: nothing to take from it.
    }
  }

  /** `app`, with every request's and answer's secrets noted: path segments, bearer token, bodies. */
  const noting = <App extends Pick<Hono, "request">>(app: App): App => {
    const request: App["request"] = async (input, init, ...rest) => {
      const target = input instanceof Request ? input.url : String(input)
      // Not `new URL(target, base)`: it would read a doubled slash ("//v1/…") as a host name.
      const url = new URL(target.startsWith("/") ? `http://localhost${target}` : target)
      // Every segment that is not a word of the routes' paths, decoded or not, may be a secret.
      for (const segment of url.pathname.split("/")) {
        if (routeWords.has(segment)) continue
        add(segment)
        add(safeDecode(segment))
      }
      const headers = new Headers(init?.headers)
      add(headers.get("authorization")?.replace(/^Bearer\s+/i, ""))
      add(headers.get("vault-key-proof"))
      if (typeof init?.body === "string") harvestText(init.body)
      const response = await app.request(input, init, ...rest)
      if ((response.headers.get("content-type") ?? "").includes("json")) {
        harvestText(await response.clone().text())
      }
      return response
    }
    return new Proxy(app, { get: (target, key) => (key === "request" ? request : Reflect.get(target, key)) })
  }

  /** Throws, naming the line, if any line holds any secret the test used. */
  const expectNoneIn = (lines: ReadonlyArray<string>) => {
    for (const line of lines) {
      for (const secret of secrets) {
        if (line.includes(secret)) {
          throw new Error(`a secret (${secret.slice(0, 4)}…) reached the log: ${line.slice(0, 300)}`)
        }
      }
    }
  }

  return { add, noting, expectNoneIn, secrets }
}

const safeDecode = (segment: string) => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
