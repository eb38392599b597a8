import { Schema } from "effect"
import { ProductAudience } from "../../../domain/catalog/product.js"
import { pageFields } from "../shell/page-query.js"
import { CalendarDate, Id, Instant, LocalisedText, Url } from "../shell/wire.js"

const KeyKind = Schema.Literal("rk", "ac").annotations({
  description: "rk: a registration key (XX-XXXX-XXXX-XXXX-XXXX); ac: an activation code",
})
const LicenseType = Schema.Literal("full", "trial")
const Seats = Schema.Int.pipe(Schema.positive()).annotations({ description: "How many seats it covers" })
const Named = Schema.Struct({ id: Schema.String, names: LocalisedText })

export const KeyPreview = Schema.Struct({
  kind: KeyKind,
  product: Schema.Struct({
    ...Named.fields,
    audience: ProductAudience.annotations({
      description:
        "`personal`: the key opens a personal account (`POST /v1/personal-accounts`); `business`: a company's (`POST /v1/accounts`)",
    }),
  }).annotations({
    description:
      "The product the key registers as today: its own, or a switch's target from the switch's day",
  }),
  switchedFrom: Schema.NullOr(Named).annotations({
    description:
      "The key's own product when a product switch makes it register as another (an unused Password Manager key as ID Protection); null otherwise",
  }),
  package: Named,
  seats: Seats,
  licenseType: LicenseType,
  expiresOn: CalendarDate.annotations({ description: "The last day it is valid" }),
  registrability: Schema.Literal("registrable", "already_registered", "expired", "suspended").annotations({
    description: "Whether this account could register it now, and if not, why",
  }),
}).annotations({ identifier: "KeyPreview" })

export const License = Schema.Struct({
  id: Id.annotations({ description: "The licence's id (a digest of its key)" }),
  productId: Schema.String,
  productName: LocalisedText,
  packageId: Schema.String,
  packageName: LocalisedText,
  licenseKey: Schema.String.annotations({ description: "The product key, formatted as printed" }),
  kind: KeyKind,
  seats: Seats,
  licenseType: LicenseType,
  expiresOn: CalendarDate.annotations({
    description: "The last day it is valid, in the account's time zone",
  }),
  status: Schema.Literal("active", "expiring_soon", "expired", "suspended").annotations({
    description: "Its status now, in the account's time zone",
  }),
  consoleUrl: Schema.NullOr(Url),
  registeredAt: Schema.NullOr(Instant),
}).annotations({ identifier: "License" })

export const LicenseList = Schema.Struct({ licenses: Schema.Array(License), ...pageFields }).annotations({
  identifier: "LicenseList",
})

export const licenseListExample: typeof LicenseList.Type = {
  licenses: [
    {
      id: "Zk3v9Q2mX8pL4tR7wB1nC6yH0dJ5sF2a",
      productId: "cloud-app-security",
      productName: { ja: "Trend Micro Cloud App Security", en: "Trend Micro Cloud App Security" },
      packageId: "standard",
      packageName: { ja: "Cloud App Security Standard", en: "Cloud App Security Standard" },
      licenseKey: "RK-7QX4-MZ3P-9KTW-HV2D",
      kind: "rk",
      seats: 50,
      licenseType: "full",
      expiresOn: "2027-03-31",
      status: "active",
      consoleUrl: "https://admin.cloudappsecurity.example/",
      registeredAt: "2026-04-01T02:15:00.000Z",
    },
  ],
  hasMore: false,
  next: null,
}
