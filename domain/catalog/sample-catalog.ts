import type { ProductDetails } from "./product.js"

const pkg = (id: string, ja: string, en: string) => ({ id, names: { ja, en } })

/** The sample catalogue `portcullis catalog seed` loads: the products of the vendor manuals. */
export const sampleCatalog: ReadonlyArray<{ readonly productId: string; readonly details: ProductDetails }> =
  [
    {
      productId: "cloud-app-security",
      details: {
        audience: "business",
        names: { ja: "Trend Micro Cloud App Security", en: "Trend Micro Cloud App Security" },
        packages: [
          pkg(
            "atp-dlp-o365",
            "Cloud App Security ATP and DLP for Office 365 Email and Cloud Storage",
            "Cloud App Security ATP and DLP for Office 365 Email and Cloud Storage",
          ),
          pkg("standard", "Cloud App Security 標準", "Cloud App Security Standard"),
        ],
        consoleUrl: "https://admin.cloudappsecurity.example/",
        expiringSoonDays: 30,
      },
    },
    {
      productId: "business-security-services",
      details: {
        audience: "business",
        names: {
          ja: "ウイルスバスター ビジネスセキュリティサービス",
          en: "Worry-Free Business Security Services",
        },
        packages: [pkg("standard", "標準", "Standard")],
        consoleUrl: "https://wfbs-svc.example/",
        expiringSoonDays: 30,
      },
    },
    {
      productId: "apex-one-saas",
      details: {
        audience: "business",
        names: { ja: "Apex One SaaS", en: "Apex One SaaS" },
        packages: [pkg("standard", "標準", "Standard")],
        consoleUrl: "https://apexone-saas.example/",
        expiringSoonDays: 60,
      },
    },
    {
      productId: "vision-one-sep",
      details: {
        audience: "business",
        names: {
          ja: "Trend Vision One Endpoint Security - Standard Endpoint Protection",
          en: "Trend Vision One Endpoint Security – Standard Endpoint Protection",
        },
        packages: [
          pkg("standard-endpoint-protection", "Standard Endpoint Protection", "Standard Endpoint Protection"),
        ],
        consoleUrl: "https://portal.visionone.example/",
        expiringSoonDays: 60,
      },
    },
    {
      productId: "password-manager",
      details: {
        audience: "personal",
        names: { ja: "パスワードマネージャー", en: "Password Manager" },
        packages: [pkg("annual", "1年版", "1 year"), pkg("three-year", "3年版", "3 years")],
        consoleUrl: "https://pwm.example/",
        expiringSoonDays: 30,
      },
    },
    {
      productId: "id-protection",
      details: {
        audience: "personal",
        names: { ja: "ID プロテクション", en: "ID Protection" },
        packages: [pkg("annual", "1年版", "1 year"), pkg("three-year", "3年版", "3 years")],
        consoleUrl: "https://idp.example/",
        expiringSoonDays: 30,
      },
    },
  ]
