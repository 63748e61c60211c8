// Inline SVG bar charts for the annual report page: pure functions from numbers to markup,
// no script, no external resource. Each chart is an <svg role="img"> whose <title> and
// <desc> are its text alternative; the page puts the table of its numbers beside it.

/** Escapes text for HTML and SVG content and attribute values. */
export function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Okabe and Ito's colour-blind-safe palette (black last, for text contrast). */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];

export interface ChartText {
  /** Unique in the page: the element ids derive from it. */
  id: string;
  title: string;
  /** The text alternative: what the chart shows, in a sentence or two with its main figures. */
  description: string;
}

export interface Series {
  name: string;
  values: readonly number[];
}

const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-GB') : n.toLocaleString('en-GB', { maximumFractionDigits: 1 }));

/** A scale's top: a round number at or above the largest value (at least 1). */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * step >= max) return m * step;
  return 10 * step;
}

function open(t: ChartText, width: number, height: number): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" data-chart="${esc(t.id)}" role="img" aria-labelledby="${esc(t.id)}-title ${esc(t.id)}-desc" ` +
    `viewBox="0 0 ${width} ${height}" preserveAspectRatio="xMinYMin meet"><title id="${esc(t.id)}-title">${esc(t.title)}</title><desc id="${esc(t.id)}-desc">${esc(t.description)}</desc>`
  );
}

function legend(series: readonly Series[], x: number, y: number): string {
  return series
    .map((s, i) => {
      const lx = x + (i % 4) * 150;
      const ly = y + Math.floor(i / 4) * 18;
      return `<rect x="${lx}" y="${ly - 10}" width="12" height="12" fill="${PALETTE[i % PALETTE.length]}"/><text x="${lx + 17}" y="${ly}" class="legend">${esc(s.name)}</text>`;
    })
    .join('');
}

/**
 * Vertical bars, one group per category: side by side, or stacked. `unit` '%' fixes the
 * scale at 0 to 100.
 */
export function columnChart(t: ChartText, o: { categories: readonly string[]; series: readonly Series[]; stacked?: boolean; unit?: '%' | '' }): string {
  const width = 640;
  const legendRows = Math.ceil(o.series.length / 4);
  const top = 12 + legendRows * 18, left = 48, bottom = 40, plotH = 200;
  const height = top + plotH + bottom;
  const plotW = width - left - 10;
  const totals = o.categories.map((_, c) => (o.stacked ? o.series.reduce((sum, s) => sum + (s.values[c] ?? 0), 0) : Math.max(0, ...o.series.map((s) => s.values[c] ?? 0))));
  const max = o.unit === '%' ? 100 : niceMax(Math.max(0, ...totals));
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const band = plotW / Math.max(1, o.categories.length);
  const parts: string[] = [open(t, width, height), legend(o.series, left, 14)];
  for (let i = 0; i <= 4; i++) {
    const v = (max / 4) * i;
    parts.push(`<line x1="${left}" x2="${width - 10}" y1="${y(v)}" y2="${y(v)}" class="grid"/><text x="${left - 6}" y="${y(v) + 4}" class="axis" text-anchor="end">${esc(fmt(v))}${o.unit ?? ''}</text>`);
  }
  o.categories.forEach((category, c) => {
    const x0 = left + c * band;
    const inner = band * 0.8;
    let stackedTop = 0;
    o.series.forEach((s, i) => {
      const v = s.values[c] ?? 0;
      const fill = PALETTE[i % PALETTE.length];
      const label = `${category}, ${s.name}: ${fmt(v)}${o.unit ?? ''}`;
      if (o.stacked) {
        if (v > 0) parts.push(`<rect class="bar" x="${x0 + band * 0.1}" y="${y(stackedTop + v)}" width="${inner}" height="${y(stackedTop) - y(stackedTop + v)}" fill="${fill}"><title>${esc(label)}</title></rect>`);
        stackedTop += v;
      } else {
        const w = inner / o.series.length;
        parts.push(`<rect class="bar" x="${x0 + band * 0.1 + i * w}" y="${y(v)}" width="${Math.max(1, w - 2)}" height="${Math.max(0, y(0) - y(v))}" fill="${fill}"><title>${esc(label)}</title></rect>`);
        parts.push(`<text x="${x0 + band * 0.1 + i * w + w / 2 - 1}" y="${y(v) - 4}" class="value" text-anchor="middle">${esc(fmt(v))}${o.unit ?? ''}</text>`);
      }
    });
    if (o.stacked && totals[c]! > 0) parts.push(`<text x="${x0 + band / 2}" y="${y(totals[c]!) - 4}" class="value" text-anchor="middle">${esc(fmt(totals[c]!))}</text>`);
    parts.push(`<text x="${x0 + band / 2}" y="${top + plotH + 16}" class="axis" text-anchor="middle">${esc(category)}</text>`);
  });
  parts.push(`<line x1="${left}" x2="${width - 10}" y1="${y(0)}" y2="${y(0)}" class="baseline"/>`);
  if (totals.every((v) => v === 0)) parts.push(`<text x="${left + plotW / 2}" y="${top + plotH / 2}" class="empty" text-anchor="middle">None this year</text>`);
  parts.push('</svg>');
  return parts.join('');
}

/** Horizontal bars, largest first as given, each labelled with its value. */
export function barChart(t: ChartText, items: readonly { label: string; value: number }[]): string {
  const width = 640, left = 190, row = 24, top = 8;
  const height = top + Math.max(1, items.length) * row + 8;
  const max = niceMax(Math.max(0, ...items.map((i) => i.value)));
  const plotW = width - left - 60;
  const parts: string[] = [open(t, width, height)];
  items.forEach((item, i) => {
    const y = top + i * row;
    const w = (item.value / max) * plotW;
    const label = item.label.length > 30 ? `${item.label.slice(0, 29)}…` : item.label;
    parts.push(
      `<text x="${left - 8}" y="${y + 15}" class="axis" text-anchor="end">${esc(label)}</text>` +
        `<rect class="bar" x="${left}" y="${y + 3}" width="${Math.max(1, w)}" height="${row - 8}" fill="${PALETTE[0]}"><title>${esc(`${item.label}: ${fmt(item.value)}`)}</title></rect>` +
        `<text x="${left + Math.max(1, w) + 6}" y="${y + 15}" class="value">${esc(fmt(item.value))}</text>`,
    );
  });
  if (items.length === 0) parts.push(`<text x="${width / 2}" y="${top + 16}" class="empty" text-anchor="middle">None this year</text>`);
  parts.push('</svg>');
  return parts.join('');
}
