import type { ComplaintFacts } from './complaint-facts.ts';
import { sortedCounts } from './stats.ts';

type Counts = Map<string, number>;
const bump = (counts: Counts, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);

/**
 * What the Ombudsman found and whether its orders were kept, for the complaints given:
 * determinations, findings (one per issue; older free-text findings as given), both by
 * service area, and the orders and recommendations complied with on time (on or before
 * the due date, by the London date of compliance), late, or not yet (overdue: due before
 * `asOf`). Compliance is as the facts record it: give facts as of a date for a past view.
 */
export function ombudsmanFigures(facts: Iterable<ComplaintFacts>, asOf: string) {
  const findings: Counts = new Map();
  const areas = new Map<string, { determinations: number; findings: Counts }>();
  const tally = () => ({ total: 0, compliedOnTime: 0, compliedLate: 0, outstanding: 0, overdue: 0 });
  const orders = tally();
  const recommendations = tally();
  let determinations = 0;
  for (const f of facts) {
    if (f.ombudsmanDetermination === null) continue;
    determinations += 1;
    const key = f.serviceArea ?? 'none recorded';
    const area = areas.get(key) ?? { determinations: 0, findings: new Map<string, number>() };
    areas.set(key, area);
    area.determinations += 1;
    for (const finding of f.ombudsmanDetermination.findings) {
      bump(findings, finding);
      bump(area.findings, finding);
    }
    for (const o of f.ombudsmanOrders) {
      const t = o.type === 'order' ? orders : recommendations;
      t.total += 1;
      const done = o.completedOn;
      if (done === null) {
        t.outstanding += 1;
        if (o.dueDate !== null && o.dueDate < asOf) t.overdue += 1;
      } else if (o.dueDate === null || done <= o.dueDate) t.compliedOnTime += 1;
      else t.compliedLate += 1;
    }
  }
  const byServiceArea = [...areas.entries()]
    .map(([serviceArea, a]) => ({ serviceArea, determinations: a.determinations, byFinding: sortedCounts(a.findings) }))
    .sort((a, b) => b.determinations - a.determinations || a.serviceArea.localeCompare(b.serviceArea));
  return { determinations, byFinding: sortedCounts(findings), byServiceArea, orders, recommendations };
}
