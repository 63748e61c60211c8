import type { SubjectExport } from '../../app/privacy/export-subject.ts';
import { cell, type Cell } from '../reports/csv.ts';

// Each table of a subject access export as CSV: one column per field found in any row,
// nested values as their JSON.

function tableCsv(rows: readonly { [key: string]: unknown }[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const value = (v: unknown): Cell => (v === undefined ? null : v === null || typeof v !== 'object' ? (v as Cell) : JSON.stringify(v));
  return [columns.map(cell).join(','), ...rows.map((r) => columns.map((c) => cell(value(r[c]))).join(','))].join('\r\n') + '\r\n';
}

export function exportCsv(e: SubjectExport) {
  return {
    complaints: tableCsv(e.complaints.map((c) => ({ complaintId: c.complaintId, reference: c.reference, subject: c.subject, matchedOn: c.matchedOn, ...c.record }))),
    events: tableCsv(e.events),
    contacts: tableCsv(e.contacts),
    remedies: tableCsv(e.remedies),
    restrictions: tableCsv(e.restrictions),
    webhookPayloads: tableCsv(e.webhookPayloads),
  };
}
