import t from 'tap';
import { readdirSync, readFileSync } from 'node:fs';
import { complianceGaps, complianceNotices } from '../../../src/domain/policy/index.ts';
import { preset } from '../complaint/builders.ts';

// The Ombudsman evidence timescale (issue 13): presets set it where their seed does (LHP
// ¶62: 15 working days; Longhurst: "the agreed timescale of 15 days"), and a policy that
// sets none gets a notice, not a gap (the Code sets no such timescale).

const names = readdirSync(new URL('../../../config/policy-presets/', import.meta.url))
  .filter((f) => f.endsWith('.json'))
  .map((f) => (JSON.parse(readFileSync(new URL(`../../../config/policy-presets/${f}`, import.meta.url), 'utf8')) as { name: string }).name);

t.test('LHP and Longhurst set the evidence timescale of their seeds', async (t) => {
  t.same(preset('seed-001-lhp').ombudsmanEvidence, { amount: 15, unit: 'working_days', from: 'evidence_request' });
  t.same(preset('seed-002-longhurst').ombudsmanEvidence, { amount: 15, unit: 'calendar_days', from: 'evidence_request' });
});

t.test('every other preset sets none and gets the notice; no preset gets a gap for it', async (t) => {
  t.ok(names.length >= 8, 'all presets read');
  for (const name of names) {
    const policy = preset(name);
    const expected = name === 'seed-001-lhp' || name === 'seed-002-longhurst' ? [] : ['ombudsman_evidence_missing'];
    t.same(complianceNotices(policy).map((n) => n.rule), expected, name);
    t.notOk(complianceGaps(policy).some((g) => g.rule.startsWith('ombudsman')), `${name}: not a gap`);
  }
});
