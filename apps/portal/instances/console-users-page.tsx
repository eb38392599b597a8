import { Effect, Either } from "effect"
import { instanceConsoleUsers, showInstance } from "../../../application/instances/instance-views.js"
import { portalPaths } from "../portal-paths.js"
import { Layout } from "../shell/layout.js"
import { definePage, html } from "../shell/page.js"
import { displayName, RefusalNotice } from "./instance-parts.js"
import { refusedWith } from "./instance-refusals.js"
import { instancesTexts } from "./instances-texts.js"

// The instance's console users (manual 004 STEP 1's table: ユーザ名, 名前, ユーザの役割), and after the
// update that each must upgrade the account at the next sign-in (STEP 3's last page).

export const consoleUsersPages = [
  definePage({
    path: portalPaths.instanceUsers,
    auth: "session",
    secretParams: ["id"],
    get: (context) =>
      Effect.gen(function* () {
        const { lang, session } = context
        const t = instancesTexts[lang]
        const id = context.params.id ?? ""
        const found = yield* Effect.all([
          showInstance(session.accountId, id),
          instanceConsoleUsers(session.accountId, id),
        ]).pipe(refusedWith(lang, session.account.timeZone))
        if (Either.isLeft(found))
          return html(
            <Layout chrome={context.chrome} title={t.title}>
              <RefusalNotice refusal={found.left} />
              <p>
                <a href={portalPaths.instances}>{t.back}</a>
              </p>
            </Layout>,
            { status: found.left.status },
          )
        const [view, users] = found.right
        return html(
          <Layout chrome={context.chrome} title={t.usersOf(displayName(view))}>
            {view.updated ? <p class="lead">{t.usersLead}</p> : null}
            {users.length === 0 ? (
              <p class="empty">{t.noUsers}</p>
            ) : (
              <table class="console-users">
                <thead>
                  <tr>
                    <th scope="col">{t.userName}</th>
                    <th scope="col">{t.displayName}</th>
                    <th scope="col">{t.role}</th>
                    <th scope="col">{t.upgradeColumn}</th>
                  </tr>
                </thead>
                <tbody>
                  {users.map((user) => (
                    <tr data-must-upgrade={user.mustUpgrade ? "yes" : "no"}>
                      <th scope="row">{user.userName}</th>
                      <td>{user.displayName}</td>
                      <td>{user.role}</td>
                      <td>{user.mustUpgrade ? t.mustUpgrade : t.noUpgrade}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <p>
              <a href={portalPaths.instances}>{t.back}</a>
            </p>
          </Layout>,
        )
      }),
  }),
]
