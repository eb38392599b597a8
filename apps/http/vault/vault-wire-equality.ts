import type { Schema } from "effect"
import type * as Client from "../../vault-client/api/wire.js"
import type * as Server from "./vault-wire.js"

// Compile-time only: the Schemas of `vault-wire.ts` and the client library's plain types must not
// drift apart. Every answer must be exactly what the client reads; every request the client sends
// must be one the server takes (the server may take more, such as any confirmation text).

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
type AllTrue<T> = [T] extends [true] ? true : false
// The server refuses a body member it does not know (422), so the client may send none.
type NoExtraKeys<Wide, Narrow> =
  Narrow extends ReadonlyArray<infer N>
    ? Wide extends ReadonlyArray<infer W>
      ? NoExtraKeys<W, N>
      : false
    : Narrow extends object
      ? [Exclude<keyof Narrow, keyof Wide>] extends [never]
        ? AllTrue<
            {
              [K in keyof Narrow & keyof Wide]-?: NoExtraKeys<NonNullable<Wide[K]>, NonNullable<Narrow[K]>>
            }[keyof Narrow & keyof Wide]
          >
        : false
      : true
type Accepts<Wide, Narrow> = [Narrow] extends [Wide] ? NoExtraKeys<Wide, Narrow> : false
type Json<S extends Schema.Schema.AnyNoContext> = Schema.Schema.Encoded<S>

const answers: [
  Equal<Json<typeof Server.VaultStatus>, Client.VaultStatus>,
  Equal<Json<typeof Server.ActivateVaultResponse>, Client.ActivateVaultResponse>,
  Equal<Json<typeof Server.UnlockVaultResponse>, Client.UnlockVaultResponse>,
  Equal<Json<typeof Server.VaultItemRecord>, Client.VaultItemRecord>,
  Equal<Json<typeof Server.VaultItemPage>, Client.VaultItemPage>,
  Equal<Json<typeof Server.SaveVaultItemResponse>, Client.SaveVaultItemResponse>,
  Equal<Json<typeof Server.RotateVaultKeyResponse>, Client.RotateVaultKeyResponse>,
  Equal<Json<typeof Server.ResetVaultResponse>, Client.ResetVaultResponse>,
  Equal<Json<typeof Server.VaultExportBundle>, Client.VaultExportBundle>,
  Equal<Json<typeof Server.VaultImportResponse>, Client.VaultImportResponse>,
] = [true, true, true, true, true, true, true, true, true, true]

const requests: [
  Accepts<Json<typeof Server.ActivateVaultRequest>, Client.ActivateVaultRequest>,
  Accepts<Json<typeof Server.UnlockVaultRequest>, Client.UnlockVaultRequest>,
  Accepts<Json<typeof Server.SaveVaultItemRequest>, Client.SaveVaultItemRequest>,
  Accepts<Json<typeof Server.RotateVaultKeyRequest>, Client.RotateVaultKeyRequest>,
  Accepts<Json<typeof Server.ResetVaultRequest>, Client.ResetVaultRequest>,
  Accepts<Json<typeof Server.VaultImportRequest>, Client.VaultImportRequest>,
  Equal<typeof Server.VaultProduct.Type, Client.VaultProduct>,
] = [true, true, true, true, true, true, true]

export const vaultWireAgrees = [answers, requests] as const
