import { sql, type Kysely } from 'kysely';

// What the regulator's and board's reports read, kept beside the state as small generated
// columns. Reading the jsonb state itself means fetching and decompressing it from TOAST
// for every complaint (≈ 2 s per 200,000); these columns live in the row and are computed
// by PostgreSQL on every write, so no writer has to know about them.

const STAGES = [
  ['s1', 'stage1'],
  ['s2', 'stage2'],
] as const;

const COLUMNS: [string, string, string][] = [
  ['rpt_received_on', 'date', `complaint_london_date(state->>'receivedAt')`],
  ...STAGES.flatMap(([p, key]): [string, string, string][] => [
    [`rpt_${p}_ack_on`, 'date', `complaint_london_date(state #>> '{acknowledgements,${key},at}')`],
    [`rpt_${p}_handler`, 'text', `coalesce(state #>> '{acknowledgements,${key},handler}', state #>> '{handlers,${key}}')`],
    [`rpt_${p}_sent_on`, 'date', `complaint_london_date(state #>> '{responses,${key},sentAt}')`],
    [`rpt_${p}_outcome`, 'text', `complaint_report_outcome(state #> '{responses,${key},decisions}')`],
    [`rpt_${p}_complete`, 'boolean', `complaint_report_response_complete(state #> '{responses,${key}}')`],
  ]),
  ['rpt_s2_started_on', 'date', `complaint_london_date(state #>> '{escalation,requestedAt}')`],
  ['rpt_extensions', 'jsonb', `complaint_report_extensions(state->'extensions')`],
  ['rpt_refusal', 'jsonb', `complaint_report_decision(state->'escalationRefusal')`],
  ['rpt_decline', 'jsonb', `complaint_report_decision(state->'decline')`],
  ['rpt_withdrawn_on', 'date', `complaint_london_date(state #>> '{withdrawal,at}')`],
  ['rpt_closed_on', 'date', `complaint_london_date(state #>> '{closure,at}')`],
  ['rpt_remedy_types', 'jsonb', `nullif(jsonb_path_query_array(state, '$.remedies[*].type'), '[]'::jsonb)`],
  ['rpt_remedy_compensation', 'jsonb', `nullif(jsonb_path_query_array(state, '$.remedies[*].compensationPence'), '[]'::jsonb)`],
  ['rpt_remedy_refunds', 'jsonb', `nullif(jsonb_path_query_array(state, '$.remedies[*].refundPence'), '[]'::jsonb)`],
  ['rpt_determined_on', 'date', `complaint_london_date(state #>> '{ombudsman,determination,at}')`],
  ['rpt_findings', 'jsonb', `state #> '{ombudsman,determination,findings}'`],
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // The London date of an instant as the domain stores it (UTC, `toISOString()`), built
  // from immutable parts only so that PostgreSQL inlines it: a plain `::timestamptz` cast
  // is only stable, and a function hiding it would run ten times slower on every write.
  await sql`create function complaint_london_date(instant text) returns date language sql immutable parallel safe as $$
    select (timezone('Europe/London', timezone('UTC', make_timestamp(
      substr(instant, 1, 4)::int, substr(instant, 6, 2)::int, substr(instant, 9, 2)::int,
      substr(instant, 12, 2)::int, substr(instant, 15, 2)::int, 0))))::date $$`.execute(db);
  // Upheld when every matter was, not upheld when none was, else partly upheld.
  await sql`create function complaint_report_outcome(decisions jsonb) returns text language sql immutable parallel safe as $$
    select case
      when jsonb_typeof(decisions) is distinct from 'array' or jsonb_array_length(decisions) = 0 then null
      when not jsonb_path_exists(decisions, '$[*] ? (@.outcome != "upheld")') then 'upheld'
      when not jsonb_path_exists(decisions, '$[*] ? (@.outcome != "not_upheld")') then 'not_upheld'
      else 'partly_upheld' end $$`.execute(db);
  // Code §6.9 / §6.19: the definition, a reasoned decision per matter, and how to escalate.
  await sql`create function complaint_report_response_complete(response jsonb) returns boolean language sql immutable parallel safe as $$
    select case
      when jsonb_typeof(response) is distinct from 'object' then null
      when jsonb_typeof(response->'decisions') is distinct from 'array' or jsonb_array_length(response->'decisions') = 0 then false
      else coalesce(btrim(response->>'definition'), '') <> ''
        and coalesce((response->>'escalationExplained')::boolean, false)
        and not jsonb_path_exists(response->'decisions', '$[*] ? (!exists(@.reasons) || @.reasons == "")')
      end $$`.execute(db);
  // Extensions as [stage, decidedOn, residentToldOn, previousDueDate, newDueDate, reason, goodReason]; null when none.
  await sql`create function complaint_report_extensions(extensions jsonb) returns jsonb language sql immutable parallel safe as $$
    select jsonb_agg(jsonb_build_array((e->>'stage')::int, complaint_london_date(e->>'decidedAt'), complaint_london_date(e->>'residentToldAt'),
      e->>'previousDueDate', e->>'newDueDate', e->>'reason', e->>'goodReason'))
    from jsonb_array_elements(case when jsonb_typeof(extensions) = 'array' then extensions else '[]'::jsonb end) e $$`.execute(db);
  // A decline or escalation refusal: its date, ground, and whether it was explained with the Ombudsman right (Code §2).
  await sql`create function complaint_report_decision(decision jsonb) returns jsonb language sql immutable parallel safe as $$
    select case when jsonb_typeof(decision) is distinct from 'object' then null else jsonb_build_object(
      'on', complaint_london_date(decision->>'at'), 'ground', decision->>'ground',
      'explained', coalesce(btrim(decision->>'explanation'), '') <> '',
      'ombudsmanRightGiven', coalesce((decision->>'ombudsmanRightGiven')::boolean, false),
      'discretionConsidered', coalesce((decision->>'discretionConsidered')::boolean, false)) end $$`.execute(db);
  const columns = COLUMNS.map(([name, type, expression]) => `add column ${name} ${type} generated always as (${expression}) stored`);
  await sql.raw(`alter table complaints ${columns.join(',\n  ')}`).execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`alter table complaints ${COLUMNS.map(([name]) => `drop column ${name}`).join(', ')}`).execute(db);
  for (const fn of ['complaint_report_decision(jsonb)', 'complaint_report_extensions(jsonb)', 'complaint_report_response_complete(jsonb)', 'complaint_report_outcome(jsonb)', 'complaint_london_date(text)']) {
    await sql.raw(`drop function ${fn}`).execute(db);
  }
}
