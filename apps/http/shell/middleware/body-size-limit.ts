import type { Context, MiddlewareHandler } from "hono"
import { bodyLimit } from "hono/body-limit"
import { type HttpEnv, problemContextOf } from "../http-env.js"
import { problemResponse } from "../problem.js"
import { payloadTooLarge } from "../request-errors.js"

export const defaultBodyLimitBytes = 64 * 1024

export const bodySizeLimit = (maxBytes: number = defaultBodyLimitBytes): MiddlewareHandler =>
  bodyLimit({
    maxSize: maxBytes,
    onError: (c: Context<HttpEnv>) =>
      problemResponse(
        {
          ...payloadTooLarge,
          detail: `The request body must not exceed ${maxBytes} bytes.`,
        },
        problemContextOf(c),
      ),
  })
