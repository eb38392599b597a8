import { defineTexts } from "../shell/texts.js"

// Wording of manual 002, 初めて製品・ユーザ登録を行う (Steps 2–4) and its tables on pages 11–12
// (補足情報: the fields, which are required, which can be changed after registration).
export const registrationTexts = defineTexts({
  ja: {
    // == Step 2: ユーザ登録
    keyTitle: "ユーザ登録",
    question: "製品/サービスのご利用に必要なユーザ登録はお済みですか？",
    note: "ログインIDをすでに作成済みの場合は、同じログインIDでログインし、登録する製品を追加できます。",
    noteLabel: "注意:",
    choiceLegend: "お客さまの状況を選択してください",
    existing: "サービス/SaaS製品をご利用中のお客さま",
    existingHint: "ご利用中のIDでログインし、製品を追加します。",
    newCustomer: "ソフトウェア製品を登録する、またはサービス/SaaS製品を初めてご利用されるお客さま",
    newCustomerHint:
      "ユーザ登録に進み、製品の利用者登録を行います。サービス/SaaS製品の場合はIDを取得します。",
    keyLabel: "製品またはサービスのキー",
    keyHint:
      "製品またはサービスのキーを1つだけ入力してください。他の製品やサービスのキーは、アカウントの作成後に登録できます。",
    // == Step 4: the form
    formTitle: "ユーザ登録情報の入力",
    // A consumer product's key (manual 000): a personal account, an address and a password.
    personalFormTitle: "アカウントの作成",
    personalFormIntro:
      "この製品は個人向けです。メールアドレスとパスワードを登録してください。ログインにはメールアドレスを使用します。",
    personalEmail: "メールアドレス",
    personalEmailHint: "ログインと、登録完了などのお知らせに使用します。",
    emailTaken:
      "このメールアドレスはすでに登録されています。ログインするか、パスワードをリセットしてください。",
    thanks: "製品をご利用いただきありがとうございます。",
    formIntro: "製品またはサービスを登録するには、以下のフォームにご入力ください。",
    registering: "登録する製品",
    requiredNote: "「必須」の項目は必ず入力してください。",
    company: "会社情報",
    user: "ユーザ登録情報",
    purchaseSource: "購入先情報",
    emergency: "緊急連絡先情報",
    support: "サポート窓口",
    loginId: "アカウント名（ログインID）",
    password: "パスワード",
    passwordConfirmation: "パスワードの確認入力",
    purchaseCompanyName: "会社名",
    loginIdHint:
      "英数字と . _ - @ を使用した4文字以上64文字以下（先頭は英数字）。ログインに使用します。登録後は変更できません。",
    passwordHintManual:
      "数字、大文字、小文字を使用した8文字以上25文字以下。ログインIDを含むものや、よく使われているパスワードは使用できません。",
    passwordHintAsvs:
      "8文字以上128文字以下。ログインIDを含むものや、よく使われているパスワードは使用できません。",
    passwordConfirmationHint: "確認のため、同じパスワードをもう一度入力してください。",
    purchaseHint: "製品を購入された販売店などの会社名。登録後は変更できません。",
    emergencyHint: "緊急時の連絡先です。登録後はサポート窓口の変更画面から変更できます。",
    supportIntro:
      "製品登録完了のお知らせなどは、サポート窓口のメールアドレス宛にお送りします。会社情報およびユーザ登録情報と別のサポート窓口を指定することもできます。",
    supportChoiceLegend: "サポート窓口の指定",
    supportSame: "会社情報およびユーザ登録情報と同じ",
    supportOther: "別のサポート窓口を指定する",
    supportFieldsNote: "「別のサポート窓口を指定する」を選択した場合のみ入力してください。",
  },
  en: {
    keyTitle: "User registration",
    question: "Have you registered as a user of our products and services?",
    note: "If you have a login ID already, log in with it and add the product to your account.",
    noteLabel: "Note:",
    choiceLegend: "Choose what applies to you",
    existing: "I already use your services or SaaS products",
    existingHint: "Log in with your login ID and add the product.",
    newCustomer: "I am registering a software product, or using a service or SaaS product for the first time",
    newCustomerHint:
      "Go on to the user registration and register as the product's user. For services and SaaS products this creates your login ID.",
    keyLabel: "Product or service key",
    keyHint:
      "Enter just one product or service key. You can register the keys of other products and services once your account exists.",
    formTitle: "Your registration details",
    personalFormTitle: "Create your account",
    personalFormIntro:
      "This is a product for personal use. Register your e-mail address and a password; you sign in with the address.",
    personalEmail: "E-mail address",
    personalEmailHint: "You sign in with it, and notices such as the registration's go to it.",
    emailTaken: "This e-mail address is already registered. Sign in, or reset its password.",
    thanks: "Thank you for choosing our products.",
    formIntro: "To register the product or service, fill in the form below.",
    registering: "Product to register",
    requiredNote: "Fields marked “required” must be filled in.",
    company: "Company information",
    user: "User information",
    purchaseSource: "Purchase source",
    emergency: "Emergency contact",
    support: "Support contact",
    loginId: "Account name (login ID)",
    password: "Password",
    passwordConfirmation: "Password again",
    purchaseCompanyName: "Company name",
    loginIdHint:
      "4 to 64 letters, digits and . _ - @, starting with a letter or digit. You log in with it; it cannot be changed later.",
    passwordHintManual:
      "8 to 25 characters with digits, upper-case and lower-case letters. It must not contain the login ID or be a commonly used password.",
    passwordHintAsvs: "8 to 128 characters. It must not contain the login ID or be a commonly used password.",
    passwordConfirmationHint: "Type the same password again, to be sure.",
    purchaseHint: "The company you bought the product from (a reseller…). It cannot be changed later.",
    emergencyHint:
      "Where we write in an emergency. You can change it later on the support contact's change screen.",
    supportIntro:
      "Notices such as the product registration go to the support contact's e-mail address. You can name a support contact other than the company and user above.",
    supportChoiceLegend: "Support contact",
    supportSame: "The same as the company and user information",
    supportOther: "Name a different support contact",
    supportFieldsNote: "Fill these in only if you chose “Name a different support contact”.",
  },
})
