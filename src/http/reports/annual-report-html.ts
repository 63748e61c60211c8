import type { AnnualReport } from '../../domain/reporting/index.ts';
import { barChart, columnChart, esc } from './svg-charts.ts';

// The annual report as one self-contained, accessible HTML document: no script, font,
// style sheet or image from anywhere; semantic headings and tables; every chart an inline
// SVG with a text alternative and the table of its numbers; a print style sheet for A4.
// Pure: the report in, the page out; every value is escaped.
//
// Every figure shown carries data-figure (its path in the JSON report) and data-unit, so
// a test (or a reader's tool) can check the page against the JSON.

type Unit = 'count' | 'percent' | 'pence' | 'rate' | 'days';

const integer = new Intl.NumberFormat('en-GB');
const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

function formatted(value: number | null, unit: Unit): string {
  if (value === null) return '—';
  if (unit === 'percent') return `${value.toFixed(1)}%`;
  if (unit === 'pence') return money.format(value / 100);
  if (unit === 'rate') return value.toFixed(2);
  if (unit === 'days') return Number.isInteger(value) ? integer.format(value) : value.toFixed(1);
  return integer.format(value);
}

/** A figure, marked with where it comes from in the JSON report. */
const fig = (path: string, value: number | null, unit: Unit = 'count') => `<span data-figure="${esc(path)}" data-unit="${unit}">${esc(formatted(value, unit))}</span>`;

const LABELS: Record<string, string> = {
  phone: 'Phone', email: 'Email', letter: 'Letter', web_form: 'Web form', in_person: 'In person', social_media: 'Social media', mp_councillor: 'MP or councillor', third_party: 'Third party',
  upheld: 'Upheld', partly_upheld: 'Partly upheld', not_upheld: 'Not upheld',
  apology: 'Apology', explanation: 'Explanation', repair_or_action: 'Repair or other action', changed_decision_or_record: 'Changed decision or record', financial: 'Financial remedy',
  policy_change: 'Policy or procedure change', training: 'Training',
};
/** A code's words: the known labels, else the code with its underscores as spaces. */
const label = (code: string) => LABELS[code] ?? code.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthName = (yyyyMm: string) => `${MONTHS[Number(yyyyMm.slice(5, 7)) - 1]} ${yyyyMm.slice(0, 4)}`;
const longDate = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

function table(caption: string, head: readonly string[], rows: readonly (readonly string[])[], o: { rowHeaders?: boolean; className?: string } = {}): string {
  const th = head.map((h, i) => `<th scope="col"${i > 0 ? ' class="num"' : ''}>${h}</th>`).join('');
  const body = rows.length
    ? rows.map((r) => `<tr>${r.map((cell, i) => (i === 0 && o.rowHeaders !== false ? `<th scope="row">${cell}</th>` : `<td${i > 0 ? ' class="num"' : ''}>${cell}</td>`)).join('')}</tr>`).join('')
    : `<tr><td colspan="${head.length}">None this year.</td></tr>`;
  return `<table${o.className ? ` class="${o.className}"` : ''}><caption>${caption}</caption><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

function figure(chart: string, caption: string, dataTable: string): string {
  return `<figure>${chart}<figcaption>${caption}</figcaption>${dataTable}</figure>`;
}

function section(id: string, heading: string, body: string): string {
  return `<section id="${id}" aria-labelledby="${id}-h"><h2 id="${id}-h">${heading}</h2>${body}</section>`;
}

const were = (n: number) => (n === 1 ? 'was' : 'were');

const tallyRows = (path: string, items: readonly { value: string; count: number }[], total?: number) =>
  items.map((t, i) => [esc(label(t.value)), fig(`${path}.${i}.count`, t.count), ...(total === undefined ? [] : [esc(formatted(total === 0 ? null : Math.round((t.count / total) * 1000) / 10, 'percent'))])]);

function volumes(r: AnnualReport): string {
  const channels = r.volumes.byChannel.map((c) => c.value);
  const series = channels.map((ch) => ({ name: label(ch), values: r.volumes.byMonth.map((m) => m.byChannel.find((c) => c.value === ch)?.count ?? 0) }));
  const busiest = [...r.volumes.byMonth].sort((a, b) => b.received - a.received)[0];
  const description =
    `Complaints received each month from ${monthName(r.volumes.byMonth[0]?.month ?? r.financialYear.from.slice(0, 7))} to ${monthName(r.volumes.byMonth.at(-1)?.month ?? r.financialYear.to.slice(0, 7))}, by channel: ${r.volumes.received} in all` +
    (busiest && busiest.received > 0 ? `, most in ${monthName(busiest.month)} (${busiest.received}).` : '.');
  const monthRows = r.volumes.byMonth.map((m, i) => [
    esc(monthName(m.month)),
    ...channels.map((ch) => {
      const at = m.byChannel.findIndex((c) => c.value === ch);
      return at < 0 ? '0' : fig(`volumes.byMonth.${i}.byChannel.${at}.count`, m.byChannel[at]!.count);
    }),
    fig(`volumes.byMonth.${i}.received`, m.received),
  ]);
  return section(
    'volumes',
    'Complaints received',
    `<p>We received ${fig('volumes.received', r.volumes.received)} complaints in ${esc(r.financialYear.label)}. Of these, ${fig('declines.count', r.declines.count)} ${were(r.declines.count)} not accepted as complaints, ${fig('withdrawn', r.withdrawn)} ${were(r.withdrawn)} withdrawn and ${fig('escalation.escalated', r.escalation.escalated)} ${were(r.escalation.escalated)} escalated to stage 2.</p>` +
      figure(
        columnChart({ id: 'chart-volumes', title: 'Complaints received by month and channel', description }, { categories: r.volumes.byMonth.map((m) => MONTHS[Number(m.month.slice(5, 7)) - 1]!), series, stacked: true }),
        'Complaints received by month, stacked by the channel they came through.',
        table('Complaints received by month and channel', ['Month', ...channels.map((c) => esc(label(c))), 'Total'], monthRows),
      ) +
      table('Complaints received by channel', ['Channel', 'Complaints', 'Share'], tallyRows('volumes.byChannel', r.volumes.byChannel, r.volumes.received)) +
      table(
        'Dealt with informally (not complaints, so in no other figure)',
        ['', 'Received', 'Resolved', 'Became complaints', 'Open'],
        (['informalResolutions', 'supportRequests'] as const).map((k) => [
          k === 'informalResolutions' ? 'Informal resolutions' : 'Support requests',
          ...(['received', 'resolved', 'becameComplaints', 'open'] as const).map((f) => fig(`informal.${k}.${f}`, r.informal[k][f])),
        ]),
      ) +
      table(
        'Contact restrictions for unacceptable behaviour (started this year)',
        ['', 'Started', 'Residents', 'Ended'],
        [['Contact restrictions', fig('contactRestrictions.started', r.contactRestrictions.started), fig('contactRestrictions.residents', r.contactRestrictions.residents), fig('contactRestrictions.ended', r.contactRestrictions.ended)]],
      ),
  );
}

function timeliness(r: AnnualReport): string {
  const t = r.timeliness;
  const [cur, prev] = [r.financialYear.label, r.previousFinancialYear.label];
  const pct = (v: number | null) => v ?? 0;
  const description =
    `Share of responses sent within the Complaint Handling Code's timescales (CH02). Stage 1: ${formatted(t.stage1.current.percentage, 'percent')} in ${cur}, ${formatted(t.stage1.previous.percentage, 'percent')} in ${prev}. ` +
    `Stage 2: ${formatted(t.stage2.current.percentage, 'percent')} in ${cur}, ${formatted(t.stage2.previous.percentage, 'percent')} in ${prev}.`;
  const rateRow = (stage: 'stage1' | 'stage2', name: string) => [
    name,
    fig(`timeliness.${stage}.current.responses`, t[stage].current.responses),
    fig(`timeliness.${stage}.current.withinTimescale`, t[stage].current.withinTimescale),
    fig(`timeliness.${stage}.current.percentage`, t[stage].current.percentage, 'percent'),
    fig(`timeliness.${stage}.previous.percentage`, t[stage].previous.percentage, 'percent'),
  ];
  const h = r.perThousandHomes;
  const volumeRow = (stage: 'stage1' | 'stage2', name: string) => [
    name,
    fig(`perThousandHomes.${stage}.current.received`, h[stage].current.received),
    fig(`perThousandHomes.${stage}.current.per1000Homes`, h[stage].current.per1000Homes, 'rate'),
    fig(`perThousandHomes.${stage}.previous.received`, h[stage].previous.received),
    fig(`perThousandHomes.${stage}.previous.per1000Homes`, h[stage].previous.per1000Homes, 'rate'),
  ];
  return section(
    'timeliness',
    'Responding on time, and complaints per 1,000 homes',
    `<p>The Regulator of Social Housing's measures: CH02, responses within the Code's timescales (stage 1: ${esc(t.stage1.timescales)}; stage 2: ${esc(t.stage2.timescales)})${t.extensionCountsAsOnTime ? ', a response within an extension that kept the Code’s rules counting as on time' : ''}; and CH01, complaints received per 1,000 homes.</p>` +
      figure(
        columnChart(
          { id: 'chart-on-time', title: `Responses within the Code's timescales, ${cur} and ${prev}`, description },
          { categories: ['Stage 1', 'Stage 2'], series: [{ name: cur, values: [pct(t.stage1.current.percentage), pct(t.stage2.current.percentage)] }, { name: prev, values: [pct(t.stage1.previous.percentage), pct(t.stage2.previous.percentage)] }], unit: '%' },
        ),
        `Share of responses sent within the Code's timescales (CH02), this year beside last year.`,
        table(`Responses within the Code's timescales (CH02)`, ['Stage', `Responses ${esc(cur)}`, `On time ${esc(cur)}`, `Share ${esc(cur)}`, `Share ${esc(prev)}`], [rateRow('stage1', 'Stage 1'), rateRow('stage2', 'Stage 2')]),
      ) +
      `<p>Homes: ${fig('perThousandHomes.homes.current', h.homes.current)} in ${esc(cur)}, ${fig('perThousandHomes.homes.previous', h.homes.previous)} in ${esc(prev)}.</p>` +
      table('Complaints received per 1,000 homes (CH01)', ['Stage', `Received ${esc(cur)}`, `Per 1,000 homes ${esc(cur)}`, `Received ${esc(prev)}`, `Per 1,000 homes ${esc(prev)}`], [volumeRow('stage1', 'Stage 1'), volumeRow('stage2', 'Stage 2')]),
  );
}

function outcomes(r: AnnualReport): string {
  const keys = Object.keys(r.outcomes.stage1) as (keyof AnnualReport['outcomes']['stage1'])[];
  const description = `Decisions on the responses to the complaints received this year. Stage 1: ${keys.map((k) => `${label(k).toLowerCase()} ${r.outcomes.stage1[k]}`).join(', ')}. Stage 2: ${keys.map((k) => `${label(k).toLowerCase()} ${r.outcomes.stage2[k]}`).join(', ')}.`;
  const w = r.workingDays;
  return section(
    'outcomes',
    'Outcomes',
    figure(
      columnChart({ id: 'chart-outcomes', title: 'Outcomes of responses at stage 1 and stage 2', description }, { categories: ['Stage 1', 'Stage 2'], series: keys.map((k) => ({ name: label(k), values: [r.outcomes.stage1[k], r.outcomes.stage2[k]] })) }),
      'Outcomes of the responses at each stage: upheld (every matter), partly upheld, not upheld.',
      table('Outcomes by stage', ['Outcome', 'Stage 1', 'Stage 2'], keys.map((k) => [esc(label(k)), fig(`outcomes.stage1.${k}`, r.outcomes.stage1[k]), fig(`outcomes.stage2.${k}`, r.outcomes.stage2[k])])),
    ) +
      table('Working days taken', ['Step', 'Responses', 'Median', '90th percentile'], [
        ['Stage 1 response', fig('workingDays.stage1.respond.count', w.stage1.respond.count), fig('workingDays.stage1.respond.median', w.stage1.respond.median, 'days'), fig('workingDays.stage1.respond.p90', w.stage1.respond.p90, 'days')],
        ['Stage 2 response', fig('workingDays.stage2.respond.count', w.stage2.respond.count), fig('workingDays.stage2.respond.median', w.stage2.respond.median, 'days'), fig('workingDays.stage2.respond.p90', w.stage2.respond.p90, 'days')],
      ]),
  );
}

function topics(r: AnnualReport): string {
  const chart = (id: string, title: string, items: AnnualReport['topCategories'], path: string, what: string) =>
    figure(
      barChart({ id, title, description: `${title}: ${items.length ? items.map((i) => `${i.value} ${i.count}`).join(', ') : 'none recorded'}.` }, items.map((i) => ({ label: i.value, value: i.count }))),
      title,
      table(title, [what, 'Complaints', 'Share'], items.map((t, i) => [esc(t.value), fig(`${path}.${i}.count`, t.count), esc(formatted(r.volumes.received ? Math.round((t.count / r.volumes.received) * 1000) / 10 : null, 'percent'))])),
    );
  return section(
    'topics',
    'What complaints were about',
    chart('chart-categories', 'Most common complaint categories', r.topCategories, 'topCategories', 'Category') +
      chart('chart-service-areas', 'Service areas complained about most', r.topServiceAreas, 'topServiceAreas', 'Service area'),
  );
}

function extensionsAndDeclines(r: AnnualReport): string {
  const e = r.extensions;
  return (
    section(
      'extensions',
      'Extensions',
      `<p>Responses were extended ${fig('extensions.count', e.count)} times (stage 1: ${fig('extensions.stage1', e.stage1)}, stage 2: ${fig('extensions.stage2', e.stage2)}); ${fig('extensions.withGoodReason', e.withGoodReason)} went beyond the Code's limit with a good reason recorded.</p>` +
        table('Reasons for extensions', ['Reason', 'Extensions'], tallyRows('extensions.byReason', e.byReason)) +
        (e.goodReasons.length ? table('Good reasons for going beyond the limit', ['Good reason', 'Extensions'], tallyRows('extensions.goodReasons', e.goodReasons)) : ''),
    ) +
    section(
      'declines',
      'Complaints not accepted',
      `<p>${fig('declines.count', r.declines.count)} complaints were not accepted under the policy's exclusions (Code §2); each was told why in writing and of the right to take the decision to the Ombudsman.</p>` +
        table('Complaints not accepted, by ground', ['Ground', 'Complaints'], tallyRows('declines.byGround', r.declines.byGround)),
    )
  );
}

function remedies(r: AnnualReport): string {
  const rows = r.remedies.byType.map((t, i) => [
    esc(label(t.type)),
    fig(`remedies.byType.${i}.count`, t.count),
    fig(`remedies.byType.${i}.compensationPence`, t.compensationPence, 'pence'),
    fig(`remedies.byType.${i}.refundPence`, t.refundPence, 'pence'),
    fig(`remedies.byType.${i}.totalPence`, t.totalPence, 'pence'),
  ]);
  return section(
    'remedies',
    'Remedies',
    `<p>Financial remedies totalled ${fig('remedies.totalPence', r.remedies.totalPence, 'pence')}.</p>` + table('Remedies by type', ['Remedy', 'Number', 'Compensation', 'Refunds', 'Total'], rows),
  );
}

function ombudsman(r: AnnualReport): string {
  const o = r.ombudsman;
  return section(
    'ombudsman',
    'The Housing Ombudsman',
    `<p>Of the complaints received this year, ${fig('ombudsman.referrals', o.referrals)} were referred to the Ombudsman and ${fig('ombudsman.determinations', o.determinations)} determined, with ${fig('ombudsman.ordersAndRecommendations', o.ordersAndRecommendations)} orders or recommendations.</p>` +
      table("The Ombudsman's findings", ['Finding', 'Number'], tallyRows('ombudsman.byFinding', o.byFinding)) +
      table(
        "Complying with the Ombudsman's orders and recommendations",
        ['', 'Made', 'Complied on time', 'Complied late', 'Outstanding', 'Overdue'],
        (['orders', 'recommendations'] as const).map((k) => [
          k === 'orders' ? 'Orders' : 'Recommendations',
          ...(['total', 'compliedOnTime', 'compliedLate', 'outstanding', 'overdue'] as const).map((f) => fig(`ombudsman.compliance.${k}.${f}`, o.compliance[k][f])),
        ]),
      ),
  );
}

function learning(r: AnnualReport): string {
  const l = r.learning;
  return section(
    'learning',
    'Learning from complaints',
    `<p>${fig('learning.improvementRemedies', l.improvementRemedies)} remedies changed how we work: policy or procedure changes and training.</p>` +
      table('Improvements by service area', ['Service area', 'Improvement', 'Number'], l.byServiceArea.map((x, i) => [esc(x.serviceArea), esc(label(x.type)), fig(`learning.byServiceArea.${i}.count`, x.count)])),
  );
}

function selfAssessment(r: AnnualReport): string {
  const rows = r.selfAssessment.provisions.map((p, i) => {
    const complies = p.complies === null ? '<span class="na">No evidence</span>' : `<strong class="${p.complies}">${p.complies === 'yes' ? 'Yes' : 'No'}</strong>`;
    const failing = p.evidenced - p.compliant;
    const evidence =
      p.evidenced === 0
        ? 'No case this year was evidence for it.'
        : `${fig(`selfAssessment.provisions.${i}.compliant`, p.compliant)} of ${fig(`selfAssessment.provisions.${i}.evidenced`, p.evidenced)} cases met it (${fig(`selfAssessment.provisions.${i}.ratePercentage`, p.ratePercentage, 'percent')})` +
          (failing > 0 ? `; ${esc(failing)} did not (the cases are listed by GET /v1/reports/self-assessment).` : '.');
    return `<tr><th scope="row">${esc(p.code)}</th><td>${esc(p.requirement)}</td><td>${complies}</td><td>${evidence}</td><td class="commentary">${p.commentary === null ? '<span class="na">None given</span>' : esc(p.commentary).replace(/\n/g, '<br>')}</td></tr>`;
  });
  return section(
    'self-assessment',
    'Self-assessment against the Complaint Handling Code',
    `<p>In the Ombudsman's form: each provision the data can evidence, whether we complied (from the cases of ${esc(r.financialYear.label)}, as of ${esc(longDate(r.selfAssessment.asOf))}), the evidence, and our commentary.</p>` +
      `<table class="self-assessment"><caption>Self-assessment, ${esc(r.financialYear.label)}</caption><thead><tr><th scope="col">Code provision</th><th scope="col">Code requirement</th><th scope="col">Comply: yes or no</th><th scope="col">Evidence</th><th scope="col">Commentary or explanation</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
  );
}

const STYLE = `
:root{color-scheme:light}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;line-height:1.5;color:#1b1b1b;background:#fff;margin:0 auto;max-width:60rem;padding:1.5rem}
h1{font-size:1.9rem;line-height:1.2;margin:0 0 .5rem}
h2{font-size:1.4rem;margin:2.5rem 0 .75rem;padding-top:.5rem;border-top:3px solid #0072B2}
p,li{max-width:45rem}
a{color:#00558a}
a:focus{outline:3px solid #E69F00;outline-offset:2px}
nav ol{columns:2;padding-left:1.25rem}
.glance{display:grid;grid-template-columns:repeat(auto-fit,minmax(11rem,1fr));gap:.75rem;margin:1rem 0;padding:0}
.glance div{border:1px solid #b1b4b6;padding:.75rem;border-radius:4px}
.glance dt{font-size:.9rem}
.glance dd{margin:0;font-size:1.6rem;font-weight:700}
figure{margin:1.25rem 0}
figcaption{font-style:italic;margin:.25rem 0 .5rem}
svg.chart{display:block;width:100%;height:auto;max-width:40rem}
svg .grid{stroke:#d8d8d8;stroke-width:1}
svg .baseline{stroke:#1b1b1b;stroke-width:1}
svg text{font-family:inherit;font-size:11px;fill:#1b1b1b}
svg .value{font-size:10px}
svg .empty{font-size:14px;fill:#505a5f}
table{border-collapse:collapse;width:100%;margin:.75rem 0 1.25rem;font-size:.95rem}
caption{text-align:left;font-weight:700;padding:.25rem 0}
th,td{border-bottom:1px solid #b1b4b6;padding:.35rem .5rem;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid #1b1b1b}
.num{text-align:right;font-variant-numeric:tabular-nums}
.self-assessment td:nth-child(3){white-space:nowrap}
strong.yes{color:#00703c}
strong.no{color:#b10e1e}
.na{color:#505a5f}
footer{margin-top:3rem;font-size:.9rem;color:#505a5f}
@page{size:A4;margin:16mm 14mm 18mm}
@media print{
  body{max-width:none;padding:0;font-size:10pt}
  nav{display:none}
  h1{font-size:18pt}
  h2{font-size:13pt;break-after:avoid;page-break-after:avoid}
  figure,table,.glance{break-inside:avoid;page-break-inside:avoid}
  tr{break-inside:avoid}
  .self-assessment{break-inside:auto;page-break-inside:auto}
  section{break-before:auto}
  #self-assessment{break-before:page}
  svg.chart{max-width:17cm}
  a{color:inherit;text-decoration:none}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}`;

const CONTENTS: [string, string][] = [
  ['volumes', 'Complaints received'],
  ['timeliness', 'Responding on time, and complaints per 1,000 homes'],
  ['outcomes', 'Outcomes'],
  ['topics', 'What complaints were about'],
  ['extensions', 'Extensions'],
  ['declines', 'Complaints not accepted'],
  ['remedies', 'Remedies'],
  ['ombudsman', 'The Housing Ombudsman'],
  ['learning', 'Learning from complaints'],
  ['self-assessment', 'Self-assessment against the Complaint Handling Code'],
  ['definitions', 'How the figures are counted'],
];

/** The whole page. */
export function annualReportHtml(r: AnnualReport): string {
  const title = `${r.organisation.name}: complaints performance and service improvement report ${r.financialYear.label}`;
  const glance =
    `<dl class="glance">` +
    `<div><dt>Complaints received</dt><dd>${fig('volumes.received', r.volumes.received)}</dd></div>` +
    `<div><dt>Stage 1 responses on time</dt><dd>${fig('timeliness.stage1.current.percentage', r.timeliness.stage1.current.percentage, 'percent')}</dd></div>` +
    `<div><dt>Stage 2 responses on time</dt><dd>${fig('timeliness.stage2.current.percentage', r.timeliness.stage2.current.percentage, 'percent')}</dd></div>` +
    `<div><dt>Stage 1 complaints per 1,000 homes</dt><dd>${fig('perThousandHomes.stage1.current.per1000Homes', r.perThousandHomes.stage1.current.per1000Homes, 'rate')}</dd></div>` +
    `</dl>`;
  return (
    `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${esc(title)}</title><style>${STYLE}</style></head><body>` +
    `<header><h1>${esc(title)}</h1><p>Complaints received from ${esc(longDate(r.financialYear.from))} to ${esc(longDate(r.financialYear.to))}, as the data stood on ${esc(longDate(r.asOf))}. ` +
    `Published under the Housing Ombudsman's Complaint Handling Code (§8), with our self-assessment against it.</p>${glance}</header>` +
    `<nav aria-label="Contents"><h2 id="contents-h">Contents</h2><ol>${CONTENTS.map(([id, name]) => `<li><a href="#${id}">${esc(name)}</a></li>`).join('')}</ol></nav>` +
    `<main>${volumes(r)}${timeliness(r)}${outcomes(r)}${topics(r)}${extensionsAndDeclines(r)}${remedies(r)}${ombudsman(r)}${learning(r)}${selfAssessment(r)}` +
    section('definitions', 'How the figures are counted', `<ul>${r.definitions.map((d) => `<li>${esc(d)}</li>`).join('')}</ul>`) +
    `</main><footer><p>Generated from the complaints records on ${esc(longDate(r.asOf))}. The same report is available as JSON.</p></footer></body></html>`
  );
}
