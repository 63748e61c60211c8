import type { Complaint } from './complaint.ts';

/**
 * A complaint as stored, with the fields added since it was written given their
 * empty values (hazards and Ombudsman orders came with issue 13), so every reader
 * sees the current shape and old rows need no rewrite.
 */
export function complaintFromStored(state: unknown): Complaint {
  const c = state as Complaint & { hazards?: Complaint['hazards'] };
  const o = c.ombudsman as Partial<Complaint['ombudsman']>;
  if (c.hazards !== undefined && o.orders !== undefined && (o.determination == null || o.determination.issues !== undefined)) return c;
  const ombudsman = c.ombudsman as Partial<Complaint['ombudsman']> & Pick<Complaint['ombudsman'], 'referral' | 'evidenceRequests' | 'determination'>;
  const determination = ombudsman.determination && { ...ombudsman.determination, issues: ombudsman.determination.issues ?? [] };
  return { ...c, hazards: c.hazards ?? [], ombudsman: { ...ombudsman, determination, orders: ombudsman.orders ?? [] } };
}
