import type { HeaderSpecs, RequestInfo } from "./route-types.js"

// Strong validators: a resource's body is a function of its stream version alone, so one version is
// one byte sequence, and If-Match (which compares strongly, RFC 9110 §13.1.1) can use them.

/** The `ETag` of a resource at a stream version. */
export const entityTag = (version: number): string => `"${version}"`

const strongTag = /^"(\d+)"$/

/**
 * The versions an `If-Match` names; undefined when there is none, or `*` (any current version). A
 * weak or foreign tag names no version, so it never matches, as RFC 9110 says of weak tags there.
 */
export const ifMatchVersions = (request: RequestInfo): ReadonlyArray<number> | undefined => {
  const header = request.header("if-match")?.trim()
  if (header === undefined || header === "*") return undefined
  return header
    .split(",")
    .map((tag) => strongTag.exec(tag.trim())?.[1])
    .filter((digits) => digits !== undefined)
    .map(Number)
}

/** What `/openapi.json` says of the ETag an answer sends and the If-Match a change may send. */
export const etagHeader: HeaderSpecs = {
  ETag: { description: "The account's version, to send back as `If-Match`" },
}
export const ifMatchHeader: HeaderSpecs = {
  "If-Match": {
    description: "The ETag the change was based on: a 412 if the account moved since (`*`: any)",
  },
}
