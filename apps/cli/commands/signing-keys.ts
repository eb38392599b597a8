import { Args, Command, Options } from "@effect/cli"
import { Effect } from "effect"
import { retireSigningKey, signingKeyStatus } from "../../../application/entitlements/signing-key-registry.js"
import type { SigningKeysError } from "../../../domain/entitlements/signing-keys.js"
import { type CliFailure, checkFailed } from "../cli-failure.js"
import { operatorMetadata } from "../operator.js"
import { emit } from "../output.js"
import { withKeys } from "../with-app.js"

// The keys that sign entitlements. A rotation is a new PORTCULLIS_SIGNING_KEY (or signing.key file)
// on every instance; the old public key stays published until `retire`, a day after its successor.

const json = Options.boolean("json").pipe(Options.withDescription("print JSON"))

const refusal = (error: SigningKeysError): CliFailure => {
  switch (error._tag) {
    case "SigningKeyUnknown":
      return checkFailed(
        `no signing key ${error.kid} was ever published: see \`portcullis signing-keys status\``,
      )
    case "SigningKeyInUse":
      return checkFailed(`${error.kid} is the key this configuration signs with: rotate to a new key first`)
    case "SigningKeyStillVerifying":
      return checkFailed(
        `entitlements signed with ${error.kid} may be believed until ${error.until}: retire it after that`,
      )
    case "SigningKeyRetiredAlready":
      return checkFailed(`${error.kid} is retired`)
  }
}

const status = Command.make("status", { json }, (input) =>
  withKeys({ migrate: false })(() =>
    Effect.gen(function* () {
      const keys = yield* signingKeyStatus
      yield* emit(input.json, { keys }, ({ keys: ks }) =>
        [
          `${"KID".padEnd(44)} ${"STATE".padEnd(9)} PUBLISHED AT`,
          ...ks.map(
            (k) =>
              `${k.kid.padEnd(44)} ${(k.current ? "current" : k.retiredAt ? "retired" : "published").padEnd(9)} ${k.publishedAt ?? "(at its first signature)"}`,
          ),
        ].join("\n"),
      )
    }),
  ),
).pipe(Command.withDescription("The entitlement signing keys: the current one and those still published"))

const retire = Command.make(
  "retire",
  { kid: Args.text({ name: "kid" }).pipe(Args.withDescription("the key id, as `status` shows")), json },
  (input) =>
    withKeys({ migrate: false })(() =>
      Effect.gen(function* () {
        const result = yield* retireSigningKey(input.kid.trim(), yield* operatorMetadata).pipe(
          Effect.catchTags({
            SigningKeyUnknown: (e) => Effect.fail(refusal(e)),
            SigningKeyInUse: (e) => Effect.fail(refusal(e)),
            SigningKeyStillVerifying: (e) => Effect.fail(refusal(e)),
            SigningKeyRetiredAlready: (e) => Effect.fail(refusal(e)),
          }),
        )
        yield* emit(input.json, { kid: input.kid.trim(), ...result }, (r) =>
          r.retired ? `retired ${r.kid}: it is no longer in the JWKS` : `${r.kid} was retired already`,
        )
      }),
    ),
).pipe(Command.withDescription("Take an old signing key out of the JWKS (a day after its successor)"))

export const signingKeysCommand = Command.make("signing-keys").pipe(
  Command.withDescription("Entitlement signing keys (Ed25519, published at /.well-known/jwks.json)"),
  Command.withSubcommands([status, retire]),
)
