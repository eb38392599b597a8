// The library's failures: classes with a `_tag`, so callers can switch on them as on the server's errors.
import type { Problem } from "./api/wire.js"

/** The server refused: its problem+json, with the slug of `type` (`vault-key-stale`, …). */
export class VaultProblem extends Error {
  readonly _tag = "VaultProblem"
  readonly slug: string
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title)
    this.slug = problem.type.slice(problem.type.lastIndexOf("/") + 1)
  }
}

/** Typed input that is not a client key; `check` means mistyped (a wrong but well-formed key reaches the server). */
export class ClientKeyMalformed extends Error {
  readonly _tag = "ClientKeyMalformed"
  constructor(
    readonly reason: "length" | "character" | "check" | "version",
    readonly position?: number,
  ) {
    super(
      reason === "check"
        ? "the client key is mistyped (its check character does not match)"
        : reason === "character"
          ? `the client key has a character it never uses at position ${(position ?? 0) + 1}`
          : reason === "version"
            ? "the client key is of a layout this version does not know"
            : "a client key has 36 characters",
    )
  }
}

/** This device holds no key for the vault (or an old one): the customer has to type or scan it. */
export class ClientKeyNeeded extends Error {
  readonly _tag = "ClientKeyNeeded"
  constructor(readonly reason: "unknown-device" | "key-rotated") {
    super(
      reason === "key-rotated"
        ? "the client key was changed on another device: enter the key from the new emergency kit"
        : "enter the client key from the emergency kit to unlock the vault on this device",
    )
  }
}

/** The vault is not open for unlocking (never activated, or reset). */
export class VaultNotActive extends Error {
  readonly _tag = "VaultNotActive"
  constructor(readonly state: "not-activated" | "reset") {
    super(state === "reset" ? "the vault was reset; activate a new one" : "the vault is not activated")
  }
}

/** A ciphertext or envelope that does not open with this key and context (moved, altered, or another key). */
export class VaultDecryptionFailed extends Error {
  readonly _tag = "VaultDecryptionFailed"
  constructor(readonly what: "envelope" | "item") {
    super(
      what === "envelope"
        ? "the vault key does not unwrap with this client key"
        : "a vault item does not decrypt",
    )
  }
}

/** A file given as an export bundle that is not one (`format`), or of a version this library does not read. */
export class VaultExportUnreadable extends Error {
  readonly _tag = "VaultExportUnreadable"
  constructor(readonly reason: "format" | "version") {
    super(
      reason === "format"
        ? "this file is not a vault export bundle"
        : "this export bundle is of a newer format: update the app to open it",
    )
  }
}

/** Contents of a kind this product's vault cannot hold (ID Protection holds logins and notes). */
export class VaultItemKindUnsupported extends Error {
  readonly _tag = "VaultItemKindUnsupported"
  constructor(
    readonly kind: string,
    readonly product: string,
  ) {
    super(`the ${product} vault cannot hold items of kind ${kind}`)
  }
}
