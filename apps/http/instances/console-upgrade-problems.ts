import { emailVerificationProblems } from "../primary-user/primary-user-problems.js"

/** A console user's upgrade and the console's sign-in, on the wire. */
export const consoleUpgradeProblems = {
  ...emailVerificationProblems,
  InstanceNotUpdated: {
    status: 409,
    slug: "instance-not-updated",
    title: "Instance not updated yet",
    detail: () =>
      "The instance is not connected as Standard Endpoint Protection yet: its console users sign in as before, with nothing to upgrade.",
  },
  ConsoleUserUnknown: {
    status: 404,
    slug: "console-user-not-found",
    title: "Console user not found",
    detail: () => "The instance's console has no user with this user name.",
  },
  ConsoleUserAlreadyUpgraded: {
    status: 409,
    slug: "console-user-upgraded",
    title: "Account already upgraded",
    detail: () => "This user is an e-mail user account already: sign in with the e-mail address.",
  },
  ConsoleEmailTaken: {
    status: 409,
    slug: "console-email-taken",
    title: "E-mail address in use",
    detail: () => "Another console user of this instance signs in with this e-mail address.",
  },
  UpgradeEmailNotVerified: {
    status: 409,
    slug: "upgrade-email-not-verified",
    title: "E-mail address not verified",
    detail: () => "Verify the address with the mailed code before setting the password.",
  },
  ConsoleSignInFailed: {
    status: 401,
    slug: "console-sign-in-failed",
    title: "Sign-in failed",
    detail: () => "The e-mail address or the password is not right.",
  },
}
