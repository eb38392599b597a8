import { existsSync, readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import type { Hono } from "hono"
import type { HttpEnv } from "../../http/shell/http-env.js"

// `npm run build` bundles the browser code and styles into dist/assets (scripts/build-assets.mjs);
// found from the package root, so the compiled server and the tests on the sources serve the same files.
const packageRoot = (from: string): string => {
  let dir = from
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error("the portal's assets: no package.json above the server's code")
    dir = parent
  }
  return dir
}

export const assetsDir = join(packageRoot(dirname(fileURLToPath(import.meta.url))), "dist", "assets")

export const assetPath = (name: string) => `/assets/${name}`

const mediaTypes: Readonly<Record<string, string>> = {
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  png: "image/png",
  svg: "image/svg+xml",
}

/** The built files, read once; a name not built (or any path outside the folder) is a 404. */
export const mountAssets = (app: Hono<HttpEnv>, names: ReadonlyArray<string>): void => {
  const cache = new Map<string, Uint8Array>()
  const allowed = new Set(names)
  app.get("/assets/:name", (c) => {
    const name = c.req.param("name")
    if (!allowed.has(name)) return c.notFound()
    let bytes = cache.get(name)
    if (bytes === undefined) {
      const file = join(assetsDir, name)
      if (!existsSync(file)) return c.notFound()
      bytes = new Uint8Array(readFileSync(file))
      cache.set(name, bytes)
    }
    const type = mediaTypes[name.split(".").pop() ?? ""] ?? "application/octet-stream"
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      "content-type": type,
      "cache-control": "no-cache",
      "x-content-type-options": "nosniff",
    })
  })
}
