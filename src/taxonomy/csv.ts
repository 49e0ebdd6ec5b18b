/**
 * RFC 4180 parsing: quoted fields may hold commas, doubled quotes and newlines
 * (ESCO puts one alternative label per line inside a quoted cell). Rows shorter
 * than the header (ESCO's ragged `skillsHierarchy_en.csv`) get empty fields.
 */
export function parseCsv(text: string, delimiter = ','): Record<string, string>[] {
  const rows = parseRows(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, delimiter);
  const header = rows.shift() ?? [];
  return rows
    .filter((r) => r.length > 1 || r[0] !== '')
    .map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

function parseRows(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  while (i <= n) {
    if (text[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          value += text.slice(i);
          i = n;
          break;
        }
        value += text.slice(i, q);
        if (text[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      row.push(value);
    } else {
      let j = i;
      while (j < n && text[j] !== delimiter && text[j] !== '\n' && text[j] !== '\r') j++;
      row.push(text.slice(i, j));
      i = j;
    }
    if (i >= n) {
      rows.push(row);
      break;
    }
    if (text[i] === delimiter) {
      i++;
      continue;
    }
    // End of record: \n, \r\n or \r.
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    rows.push(row);
    row = [];
    if (i === n) break;
  }
  return rows;
}

/** Tab-separated text without quoting, as O*NET publishes it. */
export function parseTsv(text: string): Record<string, string>[] {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = (lines.shift() ?? '').split('\t');
  return lines.map((l) => {
    const cells = l.split('\t');
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

/** ESCO's multi-valued cells: one value per line (or ` | ` in the collection files). */
export function splitMulti(cell: string): string[] {
  return cell
    .split(/\r?\n| \| /)
    .map((s) => s.trim())
    .filter(Boolean);
}
