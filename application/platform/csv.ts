const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value)

/** Rows as CSV lines (RFC 4180: quoted where needed, CRLF line ends). */
export const csvRows = (rows: Iterable<ReadonlyArray<string>>): string => {
  let text = ""
  for (const row of rows) text += `${row.map(field).join(",")}\r\n`
  return text
}

/** A whole CSV document, the header first, for a spreadsheet. */
export const csv = (header: ReadonlyArray<string>, rows: Iterable<ReadonlyArray<string>>): string =>
  csvRows([header]) + csvRows(rows)
