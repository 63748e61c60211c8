import t from 'tap';
import {
  assertNewPolicyVersion,
  newPolicyVersionProblems,
  policyVersionInForce,
  type PolicyVersionRef,
} from '../../../src/domain/policy/index.ts';

interface Version extends PolicyVersionRef {
  label: string;
}

// Deliberately unsorted: callers pass whatever the store returns.
const versions: Version[] = [
  { version: 3, effectiveFrom: '2025-01-01', label: 'v3' },
  { version: 1, effectiveFrom: '2024-04-01', label: 'v1' },
  { version: 2, effectiveFrom: '2024-04-01', label: 'v2 replaced v1 before it took effect' },
  { version: 4, effectiveFrom: '2026-06-01', label: 'v4 scheduled' },
];

const inForce: [string, string, string | undefined][] = [
  ['before any version', '2024-03-31', undefined],
  ['on the first effective date: the higher of the tie', '2024-04-01', 'v2 replaced v1 before it took effect'],
  ['between versions', '2024-12-31', 'v2 replaced v1 before it took effect'],
  ['on a version’s first day', '2025-01-01', 'v3'],
  ['the day before a scheduled version', '2026-05-31', 'v3'],
  ['once the scheduled version starts', '2026-06-01', 'v4 scheduled'],
  ['long after', '2099-01-01', 'v4 scheduled'],
];

t.test('policyVersionInForce picks the latest effective date on or before the day', async (t) => {
  for (const [name, onDate, expected] of inForce) {
    t.equal(policyVersionInForce(versions, onDate)?.label, expected, name);
  }
  t.equal(policyVersionInForce([], '2025-01-01'), undefined, 'no versions');
  t.equal(policyVersionInForce(versions, '2025-01-01'), versions[0], 'returns the caller’s own object');
});

t.test('policyVersionInForce refuses a malformed date', async (t) => {
  for (const onDate of ['2025-02-30', '1 Jan 2025', '2025-1-1']) {
    t.throws(() => policyVersionInForce(versions, onDate), { code: 'invalid_date', kind: 'invalid_input' }, onDate);
  }
});

const existing: PolicyVersionRef[] = [
  { version: 1, effectiveFrom: '2024-04-01' },
  { version: 2, effectiveFrom: '2025-01-01' },
];

const candidates: [string, PolicyVersionRef, string[]][] = [
  ['the next version, later', { version: 3, effectiveFrom: '2025-06-01' }, []],
  ['the same day as the latest: replaces it', { version: 3, effectiveFrom: '2025-01-01' }, []],
  ['a gap in numbering is allowed', { version: 7, effectiveFrom: '2025-06-01' }, []],
  ['before the latest version takes effect', { version: 3, effectiveFrom: '2024-12-31' }, ['effectiveFrom']],
  ['a number already used', { version: 2, effectiveFrom: '2025-06-01' }, ['version']],
  ['a lower number', { version: 1, effectiveFrom: '2025-06-01' }, ['version']],
  ['version zero', { version: 0, effectiveFrom: '2025-06-01' }, ['version', 'version']],
  ['a fractional version', { version: 2.5, effectiveFrom: '2025-06-01' }, ['version']],
  ['a malformed date', { version: 3, effectiveFrom: '2025-13-01' }, ['effectiveFrom']],
];

t.test('newPolicyVersionProblems keeps version numbers and effective dates in step', async (t) => {
  for (const [name, candidate, fields] of candidates) {
    t.same(newPolicyVersionProblems(existing, candidate).map((p) => p.field), fields, name);
  }
  t.same(newPolicyVersionProblems([], { version: 1, effectiveFrom: '2020-01-01' }), [], 'the first version may start any day');
  const [problem] = newPolicyVersionProblems(existing, { version: 3, effectiveFrom: '2024-12-31' });
  t.match(problem?.message, /cannot take effect on 2024-12-31, before an existing version takes effect on 2025-01-01/);
});

t.test('notBefore refuses backdating when the caller asks', async (t) => {
  const candidate = { version: 3, effectiveFrom: '2025-06-01' };
  t.same(newPolicyVersionProblems(existing, candidate, { notBefore: '2025-06-01' }), []);
  t.same(newPolicyVersionProblems(existing, candidate, { notBefore: '2025-06-02' }).map((p) => p.field), ['effectiveFrom']);
});

t.test('assertNewPolicyVersion throws a coded error', async (t) => {
  t.doesNotThrow(() => assertNewPolicyVersion(existing, { version: 3, effectiveFrom: '2025-06-01' }));
  t.throws(() => assertNewPolicyVersion(existing, { version: 2, effectiveFrom: '2024-01-01' }), {
    kind: 'invalid_input',
    code: 'invalid_policy_version',
    fields: [{ field: 'version' }],
  });
});
