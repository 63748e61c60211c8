import { sql, type RawBuilder } from 'kysely';
import type { IsoDate, WorkingDayCalendar } from '../domain/calendar/index.ts';
import type { Db } from '../store/database.ts';

// SQL helpers shared by the bench seeder's files (seed-bench.ts, seed-bench-stage-2.ts).

/** The instant of a London wall-clock time on a row's date column. */
export const at = (day: string, time: string) => sql.raw(`(${day} + time '${time}') at time zone 'Europe/London'`);

/** An instant as the domain writes it in the state JSON (`toISOString()`). */
export const iso = (expr: RawBuilder<unknown>) => sql`to_char(${expr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A deadline's state from the London date it was met on (null: not yet) and its due date; the bench ends no complaint with a step unmet. */
export const met = (done: string, due: string) => sql.raw(`case when ${done} is null then 'pending' when ${done} <= ${due} then 'met' else 'met_late' end`);

/** One of the outcomes, about 45 % upheld, 25 % partly upheld and 30 % not upheld. */
export const outcome = () => sql.raw(`(array['upheld', 'partly_upheld', 'not_upheld'])[width_bucket(random(), array[0, 0.45, 0.7]::float8[])]`);

/**
 * The temporary table bench_wd of the calendar's working days from `from` to `to`,
 * numbered from 1: adding n working days is adding n to `ord`. Returns how many.
 */
export async function workingDayTable(db: Db, calendar: WorkingDayCalendar, from: IsoDate, to: IsoDate): Promise<number> {
  await sql`create temp table if not exists bench_wd (ord int primary key, day date not null)`.execute(db);
  await sql`truncate bench_wd`.execute(db);
  const days: string[] = [];
  for (let d = calendar.nextWorkingDay(from); d <= to; d = calendar.addWorkingDays(d, 1)) days.push(d);
  await sql`insert into bench_wd select ord, day::date from unnest(${`{${days.join(',')}}`}::text[]) with ordinality as t(day, ord)`.execute(db);
  return days.length;
}
