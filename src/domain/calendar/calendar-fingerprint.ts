import type { EpochDay, IsoDate } from './iso-date.ts';

/**
 * A short digest of everything that decides which days are working days on a calendar:
 * its division, every holiday, the closure days and where the announced data ends (past
 * it, days are provisional). Stored deadlines carry the fingerprint they were counted
 * on, so a changed holiday feed or closure day is noticed and the deadlines re-planned.
 */
export function calendarFingerprint(parts: {
  division: string;
  holidays: readonly EpochDay[];
  closureDays: readonly IsoDate[];
  dataStartsOn: IsoDate;
  dataEndsOn: IsoDate;
}): string {
  const text = [parts.division, parts.dataStartsOn, parts.dataEndsOn, [...parts.holidays].sort((a, b) => a - b).join(','), parts.closureDays.join(',')].join('|');
  // FNV-1a, 32 bits: a change detector, not a security measure.
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `${parts.division}:${parts.dataEndsOn}:${hash.toString(16).padStart(8, '0')}`;
}
