import { Context, type Effect } from "effect"
import type { EventMetadata } from "../../domain/kernel/index.js"

/**
 * Ends every open app session of a product, for the sunset's last job. A port so that the catalogue
 * does not depend on the apps feature; safe to run again (an ended session ends once).
 */
export interface ProductAppSessionsApi {
  readonly endAllOf: (
    productId: string,
    metadata: EventMetadata,
  ) => Effect.Effect<{ readonly accounts: number; readonly sessions: number }>
}

export class ProductAppSessions extends Context.Tag("application/ProductAppSessions")<
  ProductAppSessions,
  ProductAppSessionsApi
>() {}
