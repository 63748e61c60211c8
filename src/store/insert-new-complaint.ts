import { randomUUID } from 'node:crypto';
import { CompiledQuery } from 'kysely';
import type { Complaint, ComplaintEvent, Deadline } from '../domain/complaint/index.ts';
import { publicEventOf } from '../domain/events/public-event.ts';
import { actedWithIntakeKey } from './complaint-public-events.ts';
import { columnsOf, deadlineRow, eventRow } from './complaints.ts';
import type { Db } from './database.ts';
import { publicEventRow } from './events.ts';
import { Parameters, quote, tuplesOf, typesOf, type Row } from './statement-parts.ts';
import { externalRefTaken } from './external-ref-taken.ts';
import { isUniqueViolation } from './unique-violation.ts';

// A new complaint's rows (the complaint, its events, its deadlines, its public events) and
// its reference, in ONE statement: the transaction's last write before the Idempotency-Key
// answer and COMMIT. The reference counter row of the landlord's receipt year is locked
// from its upsert to the end of COMMIT, so concurrent creates queue on it only for that
// short tail, not for the whole transaction. References stay gap-free: the counter moves in
// the same transaction as the complaint, and a create that rolls back gives its number back.
//
// The complaint is built before its number is known, with a placeholder reference that
// cannot occur in any input (it holds a random UUID); the statement swaps in the real one
// wherever the placeholder appears (the reference column, the state, the events' data).
// The same statement checks the organisation's config_version (see organisation-config.ts):
// when it moved on, nothing is written and the caller reloads and builds again.
// logNewComplaint and openLinkedNewComplaint (complaint-commands.ts) both write through it.

export function referencePlaceholder(year: number): string {
  return `CMP-${year}-pending-${randomUUID()}`;
}

/** `insert into table (...) select ... from counter, (values ...)`: writes nothing when the counter wrote nothing. */
function insertPart(table: string, rows: readonly Row[], types: Map<string, string>, params: Parameters, placeholder: string, placeholderParam: string): string {
  const { columns, tuples } = tuplesOf(table, rows, types, params, (param, value, type) =>
    typeof value === 'string' && value.includes(placeholder) ? `replace(${param}::text, ${placeholderParam}, counter.reference)::${type}` : `${param}::${type}`,
  );
  return `insert into ${quote(table)} (${columns.map(quote).join(', ')}) select v.* from counter cross join lateral (values ${tuples}) v`;
}

export interface NewComplaintRows {
  complaint: Complaint;
  events: readonly ComplaintEvent[];
  deadlines: readonly Deadline[];
  now: Date;
  /** The receipt year the reference is numbered in, and the placeholder the complaint carries. */
  year: number;
  placeholder: string;
  /** The organisation's config_version the complaint was built with. */
  configVersion: number;
}

/** Writes the complaint and returns its reference; undefined (and nothing written) when the organisation's settings changed. */
export async function insertNewComplaint(tx: Db, rows: NewComplaintRows): Promise<string | undefined> {
  const { complaint, events, deadlines, now, placeholder } = rows;
  const organisationId = complaint.organisationId;
  const logged = events.find((e) => e.type === 'complaint.logged');
  const fromPublicForm = logged ? await actedWithIntakeKey(tx, logged.actor) : false;
  const publicEvents = events.map((e) => publicEventOf(e, complaint, { id: randomUUID(), createdAt: now, fromPublicForm }));
  const parts: [string, Row[]][] = [
    ['complaints', [{ id: complaint.id, organisation_id: organisationId, created_at: now, ...columnsOf(complaint, now) }]],
    ['complaint_events', events.map((e) => eventRow(organisationId, e))],
    ['complaint_deadlines', deadlines.map((d) => deadlineRow(complaint, d))],
    ['events', publicEvents.map(publicEventRow)],
  ];
  const written = parts.filter(([, r]) => r.length > 0);
  const types = await Promise.all(written.map(([table]) => typesOf(tx, table)));
  const params = new Parameters();
  const org = params.add(organisationId);
  const year = params.add(rows.year);
  const configVersion = params.add(rows.configVersion);
  const placeholderParam = params.add(placeholder);
  const inserts = written.map(([table, r], i) => `w${i} as (${insertPart(table, r, types[i] ?? new Map<string, string>(), params, placeholder, `${placeholderParam}::text`)})`);
  const statement = `
    with counter as (
      insert into complaint_reference_counters as c (organisation_id, year, last_number)
      select o.id, ${year}::integer, 1 from organisations o where o.id = ${org}::uuid and o.config_version = ${configVersion}::bigint
      on conflict (organisation_id, year) do update set last_number = c.last_number + 1
      returning 'CMP-' || c.year || '-' || lpad(c.last_number::text, greatest(6, length(c.last_number::text)), '0') as reference
    ),
    ${inserts.join(',\n    ')}
    select reference from counter`;
  try {
    const result = await tx.executeQuery<{ reference: string }>(CompiledQuery.raw(statement, params.values));
    return result.rows[0]?.reference;
  } catch (err) {
    // Two creates with one externalRef both pass the check before either commits: the
    // constraint decides, and the loser hears what a sequential second create would.
    if (isUniqueViolation(err, 'complaints_external_ref_uq')) throw externalRefTaken(complaint.externalRef ?? '');
    throw err;
  }
}
