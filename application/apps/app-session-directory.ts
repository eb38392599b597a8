import { Context, type Effect, type Option } from "effect"

/** An app session as the account and support see it: a device, never a token. */
export interface AppSessionSummary {
  readonly sessionId: string
  readonly accountId: string
  readonly productId: string
  readonly deviceName: string
  readonly openedAt: string
  readonly lastRefreshedAt: string
  readonly endedAt?: string
  readonly endReason?: string
}

/** The app sessions read model (a projection of the app-session streams). */
export interface AppSessionDirectoryApi {
  /** The account's sessions, newest first; open ones only unless `ended` is asked for. */
  readonly ofAccount: (
    accountId: string,
    options?: { readonly includeEnded?: boolean },
  ) => Effect.Effect<ReadonlyArray<AppSessionSummary>>
  /**
   * One session, open or ended. The read model is written in the append's transaction, so it is as
   * current as the stream: every app request reads its session here, not by folding the stream.
   */
  readonly byId: (sessionId: string) => Effect.Effect<Option.Option<AppSessionSummary>>
  /** The open sessions of a product, at most `limit`, for the sunset's last job. */
  readonly openOf: (productId: string, limit: number) => Effect.Effect<ReadonlyArray<AppSessionSummary>>
}

export class AppSessionDirectory extends Context.Tag("application/AppSessionDirectory")<
  AppSessionDirectory,
  AppSessionDirectoryApi
>() {}
