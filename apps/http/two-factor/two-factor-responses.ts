import { Schema } from "effect"
import { authenticationMethods } from "../../../application/accounts/session-store.js"
import { Instant } from "../shell/wire.js"

const MaskedEmail = Schema.String.annotations({
  description: "The registered address, masked (abc*****@***.co.jp)",
})

export const TwoFactorStatus = Schema.Struct({
  status: Schema.Literal("enabled", "disabled"),
  method: Schema.NullOr(Schema.Literal("authenticator-app")),
  registeredEmail: MaskedEmail,
  setupInProgress: Schema.Boolean.annotations({ description: "A set-up waits for its first code" }),
  recoveryCodesLeft: Schema.Int.pipe(Schema.nonNegative()),
  reminderDismissed: Schema.Boolean.annotations({
    description: "The customer skipped the recommendation to turn 2FA on",
  }),
  session: Schema.Struct({
    authenticatedWith: Schema.Literal(...authenticationMethods).annotations({
      description: "How this session's login was completed",
    }),
  }),
}).annotations({ identifier: "TwoFactorStatus" })

export const twoFactorStatusExample: typeof TwoFactorStatus.Type = {
  status: "enabled",
  method: "authenticator-app",
  registeredEmail: "use*****@***.co.jp",
  setupInProgress: false,
  recoveryCodesLeft: 9,
  reminderDismissed: false,
  session: { authenticatedWith: "totp" },
}

export const CodeSent = Schema.Struct({
  sentTo: MaskedEmail,
  expiresAt: Instant.annotations({ description: "When the mailed code stops working" }),
}).annotations({ identifier: "CodeSent" })

export const Enrollment = Schema.Struct({
  secret: Schema.String.annotations({
    description: "The TOTP secret in base32, grouped by four for typing; shown this once",
  }),
  otpauthUri: Schema.String.annotations({ jsonSchema: { format: "uri" } }),
  issuer: Schema.String,
  accountName: Schema.String,
  algorithm: Schema.Literal("SHA1"),
  digits: Schema.Literal(6),
  period: Schema.Literal(30).annotations({ description: "Seconds per code" }),
  qrCode: Schema.Struct({
    svg: Schema.String.annotations({ description: "The path of the QR code as SVG" }),
    png: Schema.String.annotations({ description: "The path of the QR code as PNG" }),
  }),
}).annotations({ identifier: "TwoFactorEnrollment" })

const RecoveryCode = Schema.String.annotations({ description: "A single-use recovery code" })

export const Activated = Schema.Struct({
  status: Schema.Literal("enabled"),
  deviceChanged: Schema.Boolean.annotations({ description: "The new device replaced the old one" }),
  recoveryCodes: Schema.Array(RecoveryCode).annotations({
    description: "On first enabling, ten recovery codes, shown this once; empty after a change of device",
  }),
}).annotations({ identifier: "TwoFactorActivated" })

export const Disabled = Schema.Struct({ status: Schema.Literal("disabled") }).annotations({
  identifier: "TwoFactorDisabled",
})

export const RecoveryCodes = Schema.Struct({
  recoveryCodes: Schema.Array(RecoveryCode).pipe(Schema.itemsCount(10)),
}).annotations({ identifier: "RecoveryCodes" })
