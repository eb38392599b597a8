/** `switch plan create` with manual 000's rules, as the CLI tests make the plan. */
export const createManualPlan = [
  "switch",
  "plan",
  "create",
  "--from",
  "password-manager",
  "--to",
  "id-protection",
  "--cancel-cutoff",
  "2025-06-04",
  "--keys-valid-from",
  "2025-06-05",
  "--results-from",
  "2025-06-01",
]
