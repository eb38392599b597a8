import { Effect } from "effect"
import { portalPaths } from "../portal-paths.js"
import { Layout } from "../shell/layout.js"
import { definePage, html } from "../shell/page.js"
import { defineTexts } from "../shell/texts.js"
import { licensingTexts } from "./licensing-texts.js"

// The licence agreement links to a privacy policy (manual 002, 製品情報を確認). The manual's is the
// vendor's own document; this page says what this portal itself keeps, which is all it can vouch for.
const privacyTexts = defineTexts({
  ja: {
    intro: "このポータルは、製品・ユーザ登録とライセンス管理のために次の情報を取り扱います。",
    keptTitle: "登録いただく情報",
    kept: "会社情報、ユーザ登録情報（ログインID、メールアドレス、担当者、電話番号など）、購入先情報、緊急連絡先、サポート窓口の情報、登録した製品キー。パスワードは復元できない形式（Argon2id）でのみ保存し、製品キーは暗号化して保存します。",
    useTitle: "利用目的",
    use: "ライセンスの登録・管理、登録完了や変更のお知らせなどのメール送信、お問い合わせへの対応、不正なアクセスの防止。",
    cookiesTitle: "Cookie",
    cookies:
      "ログイン状態、フォームの送信元の確認（CSRF対策）、表示言語、「ログインIDを記憶する」を選んだ場合のログインIDを保存するためにのみ使用します。いずれもスクリプトからは読み取れません。",
    thirdTitle: "外部サービス",
    third: "このポータルのページは、外部のサイトからスクリプト、画像、フォントなどを読み込みません。",
  },
  en: {
    intro:
      "This portal handles the following information to register products and users and to manage licences.",
    keptTitle: "What you register",
    kept: "Company information, user information (login ID, e-mail address, contact person, phone numbers…), the purchase source, the emergency contact, the support contact, and the product keys you register. Passwords are kept only in a form that cannot be reversed (Argon2id); product keys are kept encrypted.",
    useTitle: "What it is used for",
    use: "Registering and managing licences, sending e-mails about registrations and changes, answering enquiries, and preventing unauthorised access.",
    cookiesTitle: "Cookies",
    cookies:
      "Only to keep you logged in, to check that a form was sent from this portal (CSRF protection), to remember the language, and the login ID when you choose “Remember my login ID”. No script can read them.",
    thirdTitle: "Other sites",
    third: "The portal's pages load no script, image or font from any other site.",
  },
})

export const privacyPage = definePage({
  path: portalPaths.privacy,
  auth: "none",
  get: (context) => {
    const t = privacyTexts[context.lang]
    return Effect.succeed(
      html(
        <Layout chrome={context.chrome} title={licensingTexts[context.lang].privacyTitle}>
          <div class="panel">
            <p>{t.intro}</p>
            <h2>{t.keptTitle}</h2>
            <p>{t.kept}</p>
            <h2>{t.useTitle}</h2>
            <p>{t.use}</p>
            <h2>{t.cookiesTitle}</h2>
            <p>{t.cookies}</p>
            <h2>{t.thirdTitle}</h2>
            <p>{t.third}</p>
          </div>
        </Layout>,
      ),
    )
  },
})
