import type { AppSessionHasEnded } from "../../../domain/apps/app-session.js"
import type { ProblemMapping } from "../shell/problem.js"

const signInAgain = "Sign in again with the account's login ID and password."

/** How an app's refresh and device refusals look on the wire. */
export const appProblems = {
  RefreshTokenReused: {
    status: 401,
    slug: "refresh-token-reused",
    title: "Refresh token reused",
    detail: () =>
      `This refresh token was used before, so a copy of it may exist: the session has been ended to protect the account. ${signInAgain}`,
  } satisfies ProblemMapping,
  RefreshTokenInvalid: {
    status: 401,
    slug: "invalid-refresh-token",
    title: "Invalid refresh token",
    detail: () => `The refresh token is not valid. ${signInAgain}`,
  } satisfies ProblemMapping,
  RefreshTokenExpired: {
    status: 401,
    slug: "invalid-refresh-token",
    title: "Invalid refresh token",
    detail: () => `The refresh token has expired. ${signInAgain}`,
  } satisfies ProblemMapping,
  AppSessionHasEnded: {
    status: 401,
    slug: "app-session-ended",
    title: "App session ended",
    detail: (error) => `The session was ended (${error.reason}). ${signInAgain}`,
    extensions: (error) => ({ reason: error.reason }),
  } satisfies ProblemMapping<AppSessionHasEnded>,
  AppSessionUnknown: {
    status: 404,
    slug: "app-session-not-found",
    title: "App session not found",
    detail: () => "The account has no app session with this id.",
  } satisfies ProblemMapping,
}
