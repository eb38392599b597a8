import type { ProblemMapping } from "../shell/problem.js"

/** Every route behind a bearer token can answer this; the features that have such routes spread it. */
export const sessionProblems = {
  SessionInvalid: {
    status: 401,
    slug: "unauthorized",
    title: "Unauthorized",
    detail: () => "The session has ended or the token is not valid; log in again.",
    headers: () => ({ "www-authenticate": "Bearer" }),
  } satisfies ProblemMapping,
}
