import { Effect, Option } from "effect"
import { sunsetStatus } from "../../../application/catalog/sunsets.js"
import { formatInstant } from "../../../application/notifications/mail-dates.js"
import { Notice } from "../shell/components.js"
import type { Lang } from "../shell/texts.js"
import { lifecycleTexts } from "./lifecycle-texts.js"

export interface SunsetNotice {
  readonly productId: string
  readonly phase: "sunset-scheduled" | "ended"
  readonly product: { readonly ja: string; readonly en: string }
  readonly successor: { readonly ja: string; readonly en: string } | undefined
  readonly at: string
}

/** The ends of the given products that are scheduled or have come, each once, read by time. */
export const sunsetNotices = (productIds: ReadonlyArray<string>) =>
  Effect.map(
    Effect.forEach([...new Set(productIds)], (productId) => sunsetStatus(productId)),
    (found) =>
      found.flatMap((status): ReadonlyArray<SunsetNotice> => {
        if (Option.isNone(status)) return []
        const s = status.value
        const phase = s.phase
        if (phase === "active") return []
        const at = phase === "ended" ? s.endedAt : s.endsAt
        if (at === undefined) return []
        return [
          {
            productId: s.productId,
            phase,
            product: s.names,
            successor: s.successorNames ?? (s.successor ? { ja: s.successor, en: s.successor } : undefined),
            at,
          },
        ]
      }),
  )

/** Before a product ends, when and what to do; after, what is left and where to go. */
export const SunsetBanner = (props: {
  readonly lang: Lang
  readonly timeZone: string
  readonly notices: ReadonlyArray<SunsetNotice>
}) => {
  const t = lifecycleTexts[props.lang]
  return (
    <>
      {props.notices.map((notice) => {
        const when = formatInstant(props.lang, notice.at, props.timeZone)
        const product = notice.product[props.lang]
        return (
          <div class={`sunset-banner sunset-${notice.phase}`} data-product={notice.productId}>
            <Notice kind="info">
              <p>
                <strong>{notice.phase === "ended" ? t.ended(product, when) : t.ends(product, when)}</strong>
              </p>
              <p>{notice.phase === "ended" ? t.endedWhat : t.endsWhat}</p>
              {notice.successor === undefined ? null : <p>{t.moveTo(notice.successor[props.lang])}</p>}
              {/* The product whose vault this portal keeps: its data page. */}
              {notice.productId === "password-manager" ? (
                <p>
                  <a href="/vault/password-manager">{t.dataPage}</a>
                </p>
              ) : null}
            </Notice>
          </div>
        )
      })}
    </>
  )
}
