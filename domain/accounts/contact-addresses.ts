import type { AccountProfile } from "./account.js"

// Where an account's mail goes, for both kinds: a personal account has one address, a business
// account its user, its support contact (company notices, the manual) and an emergency contact.

/** The account holder's own address: password, 2FA and sign-in mail. */
export const holderAddress = (profile: AccountProfile): string =>
  profile.kind === "business" ? profile.user.email : profile.email

/** Where licence and product notices go: the support contact of a company, the holder otherwise. */
export const noticeAddress = (profile: AccountProfile): string =>
  profile.kind === "business" ? profile.supportContact.email : profile.email

/** Every address on the account, once each whatever its case: a security change is told to all. */
export const allAddresses = (profile: AccountProfile): ReadonlyArray<string> => {
  const addresses =
    profile.kind === "business"
      ? [profile.user.email, profile.supportContact.email, profile.emergencyContactEmail]
      : [profile.email]
  return [...new Map(addresses.map((a) => [a.toLowerCase(), a])).values()]
}

/** The company of a business account; a personal account has none. */
export const companyOf = (profile: AccountProfile): string | undefined =>
  profile.kind === "business" ? profile.contractor.companyName : undefined
