// A report as flat CSV rows (section, metric, value) for spreadsheets and BI tools.

export type Cell = string | number | boolean | null;

/** RFC 4180 quoting; text that a spreadsheet would run as a formula is defused with a leading apostrophe (OWASP CSV injection). */
export function cell(value: Cell): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function isCell(value: unknown): value is Cell {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** Lists are keyed by their natural name (a tallied value, a month, a remedy type), else by position. */
function keyOf(item: Record<string, unknown>, index: number): string {
  for (const key of ['value', 'month', 'type']) if (typeof item[key] === 'string') return item[key];
  return String(index + 1);
}

function rows(section: string, path: string, value: unknown, out: [string, string, Cell][]): void {
  if (isCell(value)) {
    out.push([section, path, value]);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (isCell(item)) return out.push([section, path ? `${path}.${i + 1}` : String(i + 1), item]);
      const record = item as Record<string, unknown>;
      const name = keyOf(record, i);
      if ('value' in record && 'count' in record) return out.push([section, path ? `${path}.${name}` : name, record.count as number]);
      for (const [k, v] of Object.entries(record)) if (!['value', 'month', 'type'].includes(k)) rows(section, [path, name, k].filter(Boolean).join('.'), v, out);
    });
  } else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) rows(section, path ? `${path}.${k}` : k, v, out);
  }
}

export function toCsv(report: Record<string, unknown>): string {
  const out: [string, string, Cell][] = [];
  for (const [section, value] of Object.entries(report)) rows(section, '', value, out);
  return ['section,metric,value', ...out.map((r) => r.map((c) => cell(c)).join(','))].join('\r\n') + '\r\n';
}
