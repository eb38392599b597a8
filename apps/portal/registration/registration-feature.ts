import { definePortalFeature } from "../shell/portal-feature.js"
import { registrationPages } from "./registration-pages.js"

/** 初めて製品・ユーザ登録を行う: one key, its product and the agreement, the form, signed in. */
export const registrationFeature = definePortalFeature({ name: "registration", pages: registrationPages })
