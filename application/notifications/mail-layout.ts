/**
 * One small layout for every notification e-mail, so the plain-text and HTML parts cannot drift apart:
 * both are rendered from the same blocks. The HTML is table-free and inline-styled because mail clients
 * drop <style> sheets and the mails have nothing tabular worth a layout table.
 */

const entities: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
}

/** Safe both in element content and in quoted attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => entities[c] ?? c)

/** A value printed on one line must not be able to start another line (or, in a subject, another header). */
export const oneLine = (text: string): string => text.replace(/[\p{Cc}\u2028\u2029]+/gu, " ").trim()

/** With `button`, the HTML shows a button; the URL itself is always printed too, for clients that hide links. */
export interface Link {
  readonly url: string
  readonly button?: string
}

export type Block =
  | { readonly lines: ReadonlyArray<string>; readonly link?: Link }
  | { readonly facts: ReadonlyArray<readonly [label: string, value: string]> }

export interface Layout {
  /** Goes into <html lang>, so screen readers and fonts pick the right language. */
  readonly language: string
  readonly title: string
  readonly blocks: ReadonlyArray<Block>
  readonly footer: ReadonlyArray<string>
}

const style = {
  body: "margin:0;padding:24px;background-color:#ffffff;color:#222222;font-family:Arial,'Hiragino Sans',Meiryo,sans-serif;font-size:14px;line-height:1.6",
  paragraph: "margin:0 0 16px",
  facts: "margin:0 0 16px;padding:12px 16px;background-color:#f4f6f8;border-left:3px solid #1f4e8c",
  label: "display:inline;font-weight:bold",
  value: "display:inline;margin:0",
  button:
    "display:inline-block;padding:10px 20px;background-color:#1f4e8c;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold",
  url: "color:#1f4e8c;word-break:break-all",
  footer: "margin:24px 0 0;padding-top:16px;border-top:1px solid #dddddd;color:#666666;font-size:12px",
}

// Anything but a web address (javascript:, data:) is printed, never made clickable.
const isWebUrl = (url: string) => /^https?:\/\//i.test(url)

const anchor = (url: string, content: string, css: string) =>
  isWebUrl(url) ? `<a href="${escapeHtml(url)}" style="${css}">${content}</a>` : content

const htmlLines = (lines: ReadonlyArray<string>) => lines.map((line) => escapeHtml(oneLine(line)))

const blockText = (block: Block): string =>
  "facts" in block
    ? block.facts.map(([label, value]) => `${oneLine(label)}: ${oneLine(value)}`).join("\n")
    : [...block.lines, ...(block.link ? [block.link.url] : [])].map(oneLine).join("\n")

const blockHtml = (block: Block): string => {
  if ("facts" in block) {
    const rows = block.facts.map(
      ([label, value]) =>
        `<div><dt style="${style.label}">${escapeHtml(oneLine(label))}:</dt> <dd style="${style.value}">${escapeHtml(oneLine(value))}</dd></div>`,
    )
    return `<dl style="${style.facts}">${rows.join("")}</dl>`
  }
  const { link } = block
  const url = link ? escapeHtml(oneLine(link.url)) : ""
  if (link?.button === undefined) {
    const lines = [...htmlLines(block.lines), ...(link ? [anchor(link.url, url, style.url)] : [])]
    return `<p style="${style.paragraph}">${lines.join("<br>")}</p>`
  }
  return [
    ...(block.lines.length > 0
      ? [`<p style="${style.paragraph}">${htmlLines(block.lines).join("<br>")}</p>`]
      : []),
    `<p style="${style.paragraph}">${anchor(link.url, escapeHtml(oneLine(link.button)), style.button)}</p>`,
    `<p style="${style.paragraph}">${anchor(link.url, url, style.url)}</p>`,
  ].join("\n")
}

export const renderLayout = (layout: Layout): { readonly text: string; readonly html: string } => {
  const text = [...layout.blocks.map(blockText), layout.footer.map(oneLine).join("\n")].join("\n\n") + "\n"
  const html = [
    "<!DOCTYPE html>",
    `<html lang="${escapeHtml(layout.language)}">`,
    `<head><meta charset="utf-8"><title>${escapeHtml(oneLine(layout.title))}</title></head>`,
    `<body style="${style.body}">`,
    `<div style="max-width:600px">`,
    ...layout.blocks.map(blockHtml),
    `<p style="${style.footer}">${htmlLines(layout.footer).join("<br>")}</p>`,
    "</div>",
    "</body>",
    "</html>",
    "",
  ].join("\n")
  return { text, html }
}
