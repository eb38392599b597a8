import { Data, Either } from "effect"
import type { Decider } from "../kernel/decider.js"
import { makeEventCodec } from "../kernel/event-codec.js"
import { type Instant, isBefore } from "../kernel/instant.js"
import {
  AppSessionEnded,
  type AppSessionEndReason,
  type AppSessionEvent,
  AppSessionOpened,
  AppSessionRefreshed,
  RefreshTokenReuseDetected,
} from "./app-session-events.js"

export const appSessionStreamId = (sessionId: string) => `app-session-${sessionId}`

export type AppSessionState =
  | { readonly _tag: "Absent" }
  | {
      readonly _tag: "Open"
      readonly accountId: string
      readonly productId: string
      readonly deviceName: string
      readonly familyId: string
      /** 0 at sign-in, one more on every refresh. */
      readonly generation: number
      readonly refreshDigest: string
      readonly refreshExpiresAt: Instant
      /** The digests of the family's retired tokens, by generation: a replay is recognised by these. */
      readonly retired: ReadonlyArray<string>
      readonly openedAt: Instant
      readonly lastRefreshedAt: Instant
    }
  | {
      readonly _tag: "Ended"
      readonly accountId: string
      readonly productId: string
      readonly reason: AppSessionEndReason
      readonly at: Instant
    }

export type AppSessionCommand =
  | ({ readonly _tag: "Open" } & Omit<typeof AppSessionOpened.Type, "_tag">)
  | {
      readonly _tag: "Refresh"
      /** The keyed digest of the token the device presented. */
      readonly presentedDigest: string
      /** The keyed digest of the token that replaces it, drawn by the caller. */
      readonly nextDigest: string
      readonly nextExpiresAt: Instant
      readonly at: Instant
    }
  | { readonly _tag: "End"; readonly reason: AppSessionEndReason; readonly at: Instant }

export class AppSessionUnknown extends Data.TaggedError("AppSessionUnknown")<{}> {}
export class AppSessionAlreadyOpened extends Data.TaggedError("AppSessionAlreadyOpened")<{}> {}
/** Refused after the end, whatever ended it; `reason` lets the edge tell "service ended" apart. */
export class AppSessionHasEnded extends Data.TaggedError("AppSessionHasEnded")<{
  readonly reason: AppSessionEndReason
}> {}
/** Neither the current token nor a retired one of this family: a guess, which revokes nothing. */
export class RefreshTokenInvalid extends Data.TaggedError("RefreshTokenInvalid")<{}> {}
export class RefreshTokenExpired extends Data.TaggedError("RefreshTokenExpired")<{}> {}

export type AppSessionError =
  | AppSessionUnknown
  | AppSessionAlreadyOpened
  | AppSessionHasEnded
  | RefreshTokenInvalid
  | RefreshTokenExpired

const ok = (events: ReadonlyArray<AppSessionEvent>) => Either.right(events)

const unreachable = (value: never): never => {
  throw new Error(`unhandled app session case ${JSON.stringify(value)}`)
}

const decideRefresh = (
  command: Extract<AppSessionCommand, { _tag: "Refresh" }>,
  state: Extract<AppSessionState, { _tag: "Open" }>,
) => {
  if (command.presentedDigest === state.refreshDigest) {
    if (!isBefore(command.at, state.refreshExpiresAt)) return Either.left(new RefreshTokenExpired())
    return ok([
      AppSessionRefreshed.make({
        generation: state.generation + 1,
        refreshDigest: command.nextDigest,
        refreshExpiresAt: command.nextExpiresAt,
        at: command.at,
      }),
    ])
  }
  const replayed = state.retired.indexOf(command.presentedDigest)
  if (replayed < 0) return Either.left(new RefreshTokenInvalid())
  return ok([
    RefreshTokenReuseDetected.make({
      familyId: state.familyId,
      replayedGeneration: replayed,
      currentGeneration: state.generation,
      at: command.at,
    }),
    AppSessionEnded.make({ reason: "reuse-detected", at: command.at }),
  ])
}

export const appSessionDecider: Decider<
  AppSessionCommand,
  AppSessionState,
  AppSessionEvent,
  AppSessionError
> = {
  initialState: { _tag: "Absent" },
  decide: (command, state) => {
    switch (command._tag) {
      case "Open": {
        if (state._tag === "Ended") return Either.left(new AppSessionHasEnded({ reason: state.reason }))
        if (state._tag === "Open") return Either.left(new AppSessionAlreadyOpened())
        const { _tag, ...opened } = command
        return ok([AppSessionOpened.make(opened)])
      }
      case "Refresh":
        switch (state._tag) {
          case "Absent":
            return Either.left(new AppSessionUnknown())
          case "Ended":
            return Either.left(new AppSessionHasEnded({ reason: state.reason }))
          case "Open":
            return decideRefresh(command, state)
        }
        return unreachable(state)
      case "End":
        switch (state._tag) {
          case "Absent":
            return Either.left(new AppSessionUnknown())
          case "Ended":
            return ok([])
          case "Open":
            return ok([AppSessionEnded.make({ reason: command.reason, at: command.at })])
        }
        return unreachable(state)
    }
    return unreachable(command)
  },
  evolve: (state, event) => {
    switch (event._tag) {
      case "AppSessionOpened":
        return {
          _tag: "Open",
          accountId: event.accountId,
          productId: event.productId,
          deviceName: event.deviceName,
          familyId: event.familyId,
          generation: 0,
          refreshDigest: event.refreshDigest,
          refreshExpiresAt: event.refreshExpiresAt,
          retired: [],
          openedAt: event.at,
          lastRefreshedAt: event.at,
        }
      case "AppSessionRefreshed":
        return state._tag === "Open"
          ? {
              ...state,
              generation: event.generation,
              refreshDigest: event.refreshDigest,
              refreshExpiresAt: event.refreshExpiresAt,
              retired: [...state.retired, state.refreshDigest],
              lastRefreshedAt: event.at,
            }
          : state
      case "RefreshTokenReuseDetected":
        return state
      case "AppSessionEnded":
        return state._tag === "Open"
          ? {
              _tag: "Ended",
              accountId: state.accountId,
              productId: state.productId,
              reason: event.reason,
              at: event.at,
            }
          : state
    }
    return unreachable(event)
  },
  isTerminal: (state) => state._tag === "Ended",
}

export const appSessionCodec = makeEventCodec({
  AppSessionOpened: { schema: AppSessionOpened },
  AppSessionRefreshed: { schema: AppSessionRefreshed },
  RefreshTokenReuseDetected: { schema: RefreshTokenReuseDetected },
  AppSessionEnded: { schema: AppSessionEnded },
})

export const appSession = { decider: appSessionDecider, codec: appSessionCodec }
