import { accountProblems } from "../accounts/account-problems.js"
import { sessionProblems } from "../sessions/session-problems.js"
import { defineFeature } from "../shell/feature.js"
import { loginChallengeRoutes } from "./login-challenge-routes.js"
import { twoFactorProblems } from "./two-factor-problems.js"
import { twoFactorSettingsRoutes } from "./two-factor-routes.js"

export const twoFactorFeature = defineFeature({
  name: "two-factor",
  routes: [...twoFactorSettingsRoutes, ...loginChallengeRoutes],
  problems: { ...sessionProblems, ...accountProblems, ...twoFactorProblems },
})
