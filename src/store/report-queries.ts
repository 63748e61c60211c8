import { sql, type RawBuilder } from 'kysely';
import { fromEpochDay, parseIsoDate } from '../domain/calendar/index.ts';
import type { Channel, ComplaintStatus, Outcome, RemedyType } from '../domain/complaint/index.ts';
import type { OmbudsmanOrderType } from '../domain/ombudsman/ombudsman-case.ts';
import { londonEndOf, londonStartOf, type ComplaintFacts, type Period, type StageFacts } from '../domain/reporting/index.ts';
import type { Db } from './database.ts';
import { inParallel } from './report-transaction.ts';

// The facts the reports compute from, read from the complaints' generated report columns
// (migration 20261123T2030), never from the TOASTed state. They come back as one text
// value, a line per complaint of fields split by control characters: for 200,000
// complaints that is about 3 times faster than rows or JSON, in PostgreSQL and in Node alike.
// Free text is cleared of the two separators; JSON fields are jsonb's own escaped text.

const FIELD = '\x1f';
const LINE = '\x1e';
const text = (column: string) => `coalesce(translate(c.${column}, E'\\x1e\\x1f', '  '), '')`;
const plain = (column: string) => `coalesce(c.${column}::text, '')`;

/** Which report reads a field: a report's query sends '' for the fields it does not read. */
type Use = 'tsm' | 'performance' | 'all';
const T: Use[] = ['tsm', 'all'];
const P: Use[] = ['performance', 'all'];
const TP: Use[] = ['tsm', 'performance', 'all'];
const A: Use[] = ['all'];

const FIELDS: [string, Use[]][] = [
  [plain('id'), A], [plain('reference'), A], [plain('status'), A], [plain('channel'), P], [text('category'), P], [text('service_area'), P], [plain('rpt_received_on'), TP],
  ...(['s1', 's2'] as const).flatMap((p): [string, Use[]][] => [
    [plain(`rpt_${p}_ack_on`), TP], [text(`rpt_${p}_handler`), A], [plain(`rpt_${p}_sent_on`), TP], [plain(`rpt_${p}_outcome`), P], [plain(`rpt_${p}_complete`), A],
  ]),
  [plain('rpt_s2_started_on'), TP], [plain('rpt_extensions'), TP], [plain('rpt_refusal'), TP], [plain('rpt_decline'), TP], [plain('rpt_withdrawn_on'), TP], [plain('rpt_closed_on'), T],
  [plain('rpt_remedy_types'), P], [plain('rpt_remedy_compensation'), P], [plain('rpt_remedy_refunds'), P], [plain('rpt_determined_on'), P], [plain('rpt_findings'), P],
  [plain('rpt_ombudsman_orders'), P],
];
/**
 * The fields toFacts keeps as strings that repeat across lines (parseLines shares them):
 * everything but the id, the reference and the JSON. Only which strings are shared
 * depends on these positions, never a value read.
 */
const REPEATED: ReadonlySet<number> = new Set([2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 17, 21, 22, 26]);
const lineFor = (use: Use) => sql.raw(`concat_ws(E'\\x1f', ${FIELDS.map(([expr, uses]) => (uses.includes(use) ? expr : "''")).join(', ')})`);

type Decision = { on: string; ground: string; explained: boolean; ombudsmanRightGiven: boolean; discretionConsidered: boolean };
type Extension = [stage: number, decidedOn: string, residentToldOn: string, previousDueDate: string, newDueDate: string, reason: string, goodReason: string | null];

async function facts(db: Db, organisationId: string, use: Use, filter: RawBuilder<unknown>): Promise<ComplaintFacts[]> {
  const all = await lines(db, organisationId, lineFor(use), filter);
  return all ? parseLines(all, FIELDS.length, toFacts) : [];
}

/** The lines of the landlord's complaints (informal records are not complaints) that pass `filter`, as one text. */
async function lines(db: Db, organisationId: string, line: RawBuilder<unknown>, filter: RawBuilder<unknown>): Promise<string | null> {
  const { rows } = await sql<{ facts: string | null }>`
    SELECT string_agg(${line}, E'\\x1e') AS facts FROM complaints c
    WHERE c.organisation_id = ${organisationId} AND c.rpt_informal IS NULL AND ${filter}`.execute(db);
  return rows[0]?.facts ?? null;
}

/**
 * Each line's fields, read with indexOf into one array reused for every line: no string
 * and no array per line. Every line has all `count` fields (each coalesced to ''), so the
 * separators alone say where each field ends.
 *
 * The fields in REPEATED (dates, statuses, handlers: a few thousand values over
 * hundreds of thousands of lines) are shared, one string per value. The facts live until
 * their report is computed, and each string kept per line was one more object for the
 * garbage collector to copy: sharing them cut its share of the annual report from 23 % to 14 %.
 */
function parseLines<T>(all: string, count: number, read: (fields: readonly string[]) => T): T[] {
  const out: T[] = [];
  const fields = new Array<string>(count).fill('');
  const shared = new Map<string, string>();
  const last = count - 1;
  for (let at = 0; at < all.length; ) {
    for (let i = 0; i <= last; i++) {
      let end = all.indexOf(i === last ? LINE : FIELD, at);
      if (end < 0) {
        if (i < last) throw new Error(`a report line has fewer than ${count} fields`);
        end = all.length;
      }
      const text = end > at ? all.slice(at, end) : '';
      if (text && REPEATED.has(i)) {
        const known = shared.get(text);
        if (known === undefined) shared.set(text, text);
        fields[i] = known ?? text;
      } else fields[i] = text;
      at = end + 1;
    }
    out.push(read(fields));
  }
  return out;
}

/** A list that is empty for most complaints (extensions, remedies, orders): one shared, frozen array. */
const NONE: never[] = [];
Object.freeze(NONE);

const orNull = (value: string | undefined): string | null => (value ? value : null);
const json = <T>(value: string | undefined): T | null => (value ? (JSON.parse(value) as T) : null);
const bool = (value: string | undefined): boolean | null => (value === 'true' ? true : value === 'false' ? false : null);

function stage(f: readonly string[], at: number, startedOn: string, extensions: Extension[] | null, n: number): StageFacts {
  return {
    startedOn,
    acknowledgedOn: orNull(f[at]),
    handler: orNull(f[at + 1]),
    respondedOn: orNull(f[at + 2]),
    outcome: orNull(f[at + 3]) as Outcome | null,
    responseComplete: bool(f[at + 4]),
    extensions: extensions
      ? extensions
          .filter((e) => e[0] === n)
          .map(([, decidedOn, residentToldOn, previousDueDate, newDueDate, reason, goodReason]) => ({ decidedOn, residentToldOn, reason, previousDueDate, newDueDate, goodReason }))
      : NONE,
  };
}

function toFacts(f: readonly string[]): ComplaintFacts {
  const receivedOn = f[6]!;
  const extensions = json<Extension[]>(f[18]);
  const refusal = json<Decision>(f[19]);
  const types = json<RemedyType[]>(f[23]);
  const compensation = json<number[]>(f[24]);
  const refunds = json<number[]>(f[25]);
  return {
    id: f[0]!,
    reference: f[1]!,
    status: f[2] as ComplaintStatus,
    channel: f[3] as Channel,
    category: orNull(f[4]),
    serviceArea: orNull(f[5]),
    receivedOn,
    stage1: stage(f, 7, receivedOn, extensions, 1),
    stage2: f[17] ? stage(f, 12, f[17], extensions, 2) : null,
    escalationRefusal: refusal && { on: refusal.on, ground: refusal.ground, explained: refusal.explained, ombudsmanRightGiven: refusal.ombudsmanRightGiven },
    decline: json<Decision>(f[20]),
    withdrawnOn: orNull(f[21]),
    closedOn: orNull(f[22]),
    remedies: types ? types.map((type, i) => ({ type, compensationPence: compensation?.[i] ?? 0, refundPence: refunds?.[i] ?? 0 })) : NONE,
    ombudsmanDetermination: f[26] ? { on: f[26], findings: json<string[]>(f[27]) ?? [] } : null,
    ombudsmanOrders: json<[OmbudsmanOrderType, string | null, string | null][]>(f[28])?.map(([type, dueDate, completedOn]) => ({ type, dueDate, completedOn })) ?? NONE,
  };
}

// The complaints each report reads, as conditions on the report columns.

/** Received in the period (London dates), on the complaint `c`. */
export const receivedIn = (period: Period) => sql`c.received_at >= ${londonStartOf(period.from)} AND c.received_at < ${londonEndOf(period.to)}`;

/** What CH01 and CH02 count: complaints received, escalated or answered in the year (the cases listed as left out also started in it). */
function countedForTsm(year: Period): RawBuilder<unknown> {
  const within = (column: string) => sql`${sql.ref(`c.${column}`)} BETWEEN ${year.from}::date AND ${year.to}::date`;
  return sql`(${within('rpt_received_on')} OR ${within('rpt_s2_started_on')} OR ${within('rpt_s1_sent_on')} OR ${within('rpt_s2_sent_on')})`;
}

/**
 * Every complaint that can bear on the year's self-assessment: received in it, or received
 * before it and still open or changed since it began. A step that occurred in the year was
 * recorded no earlier (commands may be back-dated, never forward-dated), so `updated_at`
 * before the year rules a closed complaint out exactly.
 */
function bearingOnYear(year: Period): RawBuilder<unknown> {
  const start = londonStartOf(year.from);
  return sql`(${receivedIn(year)} OR (c.received_at < ${start} AND (c.updated_at >= ${start} OR c.status NOT IN ('closed', 'declined', 'withdrawn'))))`;
}

/**
 * The ranges of receipt instants a report reads, one query each: `period` in half-years
 * (London dates), and with `earlier` everything received before it in one more. Side by
 * side where a second connection can share the transaction's snapshot
 * (report-transaction.ts), so both cores build lines while Node parses.
 *
 * None is read after the period: a complaint received later has every step later too, as
 * no step is dated before its complaint's receipt (commands/log.ts: later commands may be
 * dated back to receivedAt, never before it), so no report of the period counts it.
 */
function receiptRanges(period: Period, earlier: boolean): RawBuilder<unknown>[] {
  const bounds = [...daysAtATime(period, 183).map((half) => londonStartOf(half.from)), londonEndOf(period.to)];
  const ranges = bounds.slice(1).map((to, i) => sql`c.received_at >= ${bounds[i]} AND c.received_at < ${to}`);
  return earlier ? [sql`c.received_at < ${bounds[0]}`, ...ranges] : ranges;
}

/** The period in consecutive parts of at most `days` days. */
function daysAtATime(period: Period, days: number): Period[] {
  const parts: Period[] = [];
  for (let from = parseIsoDate(period.from); from <= parseIsoDate(period.to); from += days) {
    parts.push({ from: fromEpochDay(from), to: fromEpochDay(Math.min(from + days - 1, parseIsoDate(period.to))) });
  }
  return parts;
}

/** The year and the one before it, as one period: where the complaints a year's report reads were mostly received. */
const withYearBefore = (year: Period): Period => ({ from: fromEpochDay(parseIsoDate(year.from) - 365), to: year.to });

async function factsInRanges(db: Db, organisationId: string, use: Use, filter: RawBuilder<unknown>, ranges: RawBuilder<unknown>[]): Promise<ComplaintFacts[]> {
  const chunks = await inParallel(
    db,
    ranges.map((range) => (on: Db) => facts(on, organisationId, use, sql`${range} AND ${filter}`)),
  );
  return chunks.flat();
}

/** The complaints received in the period (London dates), for the performance report. */
export function factsReceivedIn(db: Db, organisationId: string, period: Period): Promise<ComplaintFacts[]> {
  return factsInRanges(db, organisationId, 'performance', sql`TRUE`, receiptRanges(period, false));
}

/** The complaints CH01 and CH02 count for the year; identity fields only when listing cases. */
export function factsForTsm(db: Db, organisationId: string, year: Period, withIdentity: boolean): Promise<ComplaintFacts[]> {
  return factsInRanges(db, organisationId, withIdentity ? 'all' : 'tsm', countedForTsm(year), receiptRanges(year, true));
}

/** Every complaint that can bear on the year's self-assessment (bearingOnYear). */
export function factsForYear(db: Db, organisationId: string, year: Period): Promise<ComplaintFacts[]> {
  return factsInRanges(db, organisationId, 'all', bearingOnYear(year), receiptRanges(withYearBefore(year), true));
}

/** The facts of the annual report's parts, each exactly as its own report reads them. */
export interface AnnualFacts {
  /** factsReceivedIn(year): the performance report's. */
  receivedInYear: ComplaintFacts[];
  /** factsForTsm(year) and factsForTsm(previous year). */
  tsm: ComplaintFacts[];
  previousTsm: ComplaintFacts[];
  /** factsForYear(year): the self-assessment's. */
  selfAssessment: ComplaintFacts[];
}

/**
 * The annual report's facts in one read: a complaint in several parts (most are) is read,
 * sent and parsed once, and a number after its fields says which parts it is in, from the
 * same conditions the reports use, read a range of receipt instants at a time.
 */
export async function factsForAnnualReport(db: Db, organisationId: string, year: Period, previous: Period): Promise<AnnualFacts> {
  const bit = (condition: RawBuilder<unknown>, value: number) => sql`CASE WHEN ${condition} THEN ${sql.lit(value)} ELSE 0 END`;
  const parts: [keyof AnnualFacts, RawBuilder<unknown>][] = [
    ['receivedInYear', receivedIn(year)],
    ['tsm', countedForTsm(year)],
    ['previousTsm', countedForTsm(previous)],
    ['selfAssessment', bearingOnYear(year)],
  ];
  const membership = sql.join(
    parts.map(([, condition], i) => bit(condition, 1 << i)),
    sql` | `,
  );
  const line = sql`concat_ws(E'\\x1f', ${lineFor('all')}, ${membership})`;
  const anyPart = sql`(${sql.join(parts.map(([, condition]) => condition), sql` OR `)})`;
  const chunks = await inParallel(
    db,
    receiptRanges({ from: previous.from, to: year.to }, true).map((range) => async (on: Db) => {
      const all = await lines(on, organisationId, line, sql`${range} AND ${anyPart}`);
      return all ? parseLines(all, FIELDS.length + 1, (f) => [toFacts(f), Number(f[FIELDS.length])] as const) : [];
    }),
  );
  const out: AnnualFacts = { receivedInYear: [], tsm: [], previousTsm: [], selfAssessment: [] };
  for (const chunk of chunks) {
    for (const [f, member] of chunk) {
      parts.forEach(([part], i) => {
        if (member & (1 << i)) out[part].push(f);
      });
    }
  }
  return out;
}
