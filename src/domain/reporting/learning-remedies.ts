import type { ComplaintFacts } from './complaint-facts.ts';

/** The remedy types that record a lesson learned rather than putting one case right. */
export const LEARNING_REMEDY_TYPES = ['policy_change', 'training'] as const;

export interface LearningCount {
  /** The complaint's service area, 'none recorded' when blank. */
  serviceArea: string;
  type: string;
  /** How many remedies of this type were agreed on complaints of this service area. */
  count: number;
}

/** The learning remedies agreed on these complaints, per service area and type: most first, then by name. */
export function learningRemedies(facts: Iterable<ComplaintFacts>): LearningCount[] {
  const counts = new Map<string, LearningCount>();
  for (const f of facts) {
    for (const r of f.remedies) {
      if (!(LEARNING_REMEDY_TYPES as readonly string[]).includes(r.type)) continue;
      const serviceArea = f.serviceArea || 'none recorded';
      const key = `${r.type}\u0000${serviceArea}`;
      const entry = counts.get(key) ?? { serviceArea, type: r.type, count: 0 };
      entry.count += 1;
      counts.set(key, entry);
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.serviceArea.localeCompare(b.serviceArea) || a.type.localeCompare(b.type));
}
