import { Schema } from "effect"

// Small wire types that several features' response schemas share, each saying what it is.

export const LocalisedText = Schema.Struct({ ja: Schema.String, en: Schema.String }).annotations({
  identifier: "LocalisedText",
  description: "The same text in Japanese and in English",
})

export const Instant = Schema.String.annotations({
  description: "A point in time, ISO 8601 in UTC (2026-12-01T09:30:00.000Z)",
  jsonSchema: { format: "date-time" },
})

export const CalendarDate = Schema.String.annotations({
  description: "A calendar day (YYYY-MM-DD)",
  jsonSchema: { format: "date" },
})

export const Url = Schema.String.annotations({ jsonSchema: { format: "uri" } })

/** A digest or an id: opaque to clients. */
export const Id = Schema.String.annotations({ jsonSchema: { minLength: 1 } })

/** A code of `count` digits, as typed (surrounding spaces are ignored). */
export const digits = (count: number) =>
  Schema.String.pipe(
    Schema.filter((code) => new RegExp(`^\\s*\\d{${count}}\\s*$`).test(code), {
      message: () => `must be ${count} digits`,
      jsonSchema: { pattern: `^\\s*\\d{${count}}\\s*$` },
      description: `${count} digits`,
    }),
  )
