import t from 'tap';
import { CODE_2024_POLICY, type Policy } from '../../src/domain/policy/index.ts';
import { aKey, anOrganisation, buildTestApp, fixedClock } from '../helpers/test-app.ts';

t.test('policy versions over HTTP', async (t) => {
  // Today is Monday 23 November 2026 (London).
  const { app, db } = await buildTestApp(t, { clock: fixedClock('2026-11-23T10:00:00Z') });
  const admin = await aKey(db, ['admin', 'complaints:read']);
  const req = (method: 'GET' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, headers: admin.headers, ...(payload ? { payload } : {}) });

  await t.test('a new English organisation starts on the Code 2024, which has no gaps', async (t) => {
    const current = (await req('GET', '/v1/policy')).json();
    t.equal(current.inForce.version, 1);
    t.equal(current.inForce.preset, 'code-2024');
    t.equal(current.inForce.effectiveFrom, '2000-01-01');
    t.same(current.inForce.policy.stage1.respond, { amount: 10, unit: 'working_days', from: 'stage_1_acknowledgement' });
    t.same(current.upcoming, []);
    const compliance = (await req('GET', '/v1/policy/compliance')).json();
    t.same({ ...compliance, notices: undefined }, { version: 1, compliant: true, gaps: [], notices: undefined });
    t.same(compliance.notices.map((n: { rule: string }) => n.rule), ['ombudsman_evidence_missing'], 'the Code sets no evidence timescale: a notice, not a gap');
  });

  await t.test('a preset becomes a new version; repeating the request changes nothing', async (t) => {
    const created = await req('PUT', '/v1/policy', { preset: 'seed-001-lhp' });
    t.equal(created.statusCode, 201);
    t.equal(created.json().version, 2);
    t.equal(created.json().effectiveFrom, '2026-11-23', 'today by default');
    t.equal(created.json().createdBy, admin.key.id);
    const again = await req('PUT', '/v1/policy', { preset: 'seed-001-lhp' });
    t.equal(again.statusCode, 200, 'a retry is answered with the existing version');
    t.equal(again.json().version, 2);

    const compliance = (await req('GET', '/v1/policy/compliance')).json();
    t.equal(compliance.version, 2);
    t.equal(compliance.compliant, false);
    t.same(compliance.gaps.map((g: { rule: string }) => g.rule).sort(), ['age_limit_shorter', 'escalation_refusal_ground_not_in_code', 'escalation_refusal_ground_not_in_code', 'stage_2_acknowledgement_missing']);
    const age = compliance.gaps.find((g: { rule: string }) => g.rule === 'age_limit_shorter');
    t.match(age, { codeParagraph: /§2/, policyValue: /6 months/, codeValue: /12 months/ });
  });

  await t.test('overrides of the current policy, scheduled for later', async (t) => {
    const later = await req('PUT', '/v1/policy', { overrides: { stage1: { respond: { amount: 15 } } }, effectiveFrom: '2027-01-04' });
    t.equal(later.statusCode, 201);
    t.equal(later.json().version, 3);
    t.equal(later.json().preset, 'seed-001-lhp');
    t.equal(later.json().policy.stage1.respond.amount, 15);
    t.equal(later.json().policy.stage1.respond.from, 'receipt', 'the rest of the base is kept');

    const current = (await req('GET', '/v1/policy')).json();
    t.equal(current.inForce.version, 2, 'still version 2 until 4 January');
    t.same(current.upcoming.map((v: { version: number }) => v.version), [3]);
    const gaps = (await req('GET', '/v1/policy/compliance?version=3')).json().gaps.map((g: { rule: string }) => g.rule);
    t.ok(gaps.includes('stage_1_response_longer'), '15 working days is looser than the Code');
    t.same((await req('GET', '/v1/policy/versions')).json().items.map((v: { version: number }) => v.version), [1, 2, 3]);
  });

  await t.test('bad changes are refused and change nothing', async (t) => {
    const cases: [object, number, string, string?][] = [
      [{ preset: 'code-2024', effectiveFrom: '2026-11-01' }, 400, 'invalid_policy_version', 'effectiveFrom'],
      [{ preset: 'code-2024', effectiveFrom: '2026-12-01' }, 400, 'invalid_policy_version', 'effectiveFrom'],
      [{ preset: 'nope' }, 400, 'unknown_preset', 'body.preset'],
      [{ overrides: { stage1: { respond: { amount: 300 } } } }, 400, 'invalid_policy', 'stage1.respond.amount'],
      [{ overrides: { stage9: {} } }, 400, 'invalid_policy', 'stage9'],
      [{ overrides: { stage1: { respond: { amount: -1 } } } }, 400, 'invalid_policy'],
      [{ preset: 'code-2024', effectiveFrom: '2026-02-30' }, 400, 'validation_failed', 'body.effectiveFrom'],
      [{ colour: 'blue' }, 400, 'validation_failed', 'body.colour'],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await req('PUT', '/v1/policy', body);
      t.equal(res.statusCode, status, JSON.stringify(body));
      t.equal(res.json().code, code, JSON.stringify(body));
      if (field) t.ok(res.json().errors?.some((e: { field: string }) => e.field.includes(field)), `${JSON.stringify(body)} names ${field}`);
    }
    t.equal((await req('GET', '/v1/policy/versions')).json().items.length, 3, 'no version was added');
    t.equal((await req('GET', '/v1/policy/compliance?version=9')).statusCode, 404);
  });

  await t.test('presets are listed; a read-only key cannot change the policy; other landlords are untouched', async (t) => {
    const names = (await req('GET', '/v1/policy/presets')).json().items.map((p: { name: string }) => p.name);
    for (const name of ['code-2024', 'seed-000-lumen', 'seed-001-lhp', 'seed-002-longhurst', 'seed-003-housing-trust', 'seed-004-lets-for-life', 'scotland-spso-model', 'northern-ireland-nipso-model']) {
      t.ok(names.includes(name), name);
    }
    const reader = await aKey(db, ['complaints:read'], admin.organisationId);
    t.equal((await app.inject({ method: 'PUT', url: '/v1/policy', headers: reader.headers, payload: { preset: 'code-2024' } })).statusCode, 403);

    const scottish = await anOrganisation(db, { name: 'Clyde Homes', division: 'scotland' });
    const theirs = await aKey(db, ['complaints:read'], scottish.id);
    const policy = (await app.inject({ method: 'GET', url: '/v1/policy', headers: theirs.headers })).json();
    t.equal(policy.inForce.preset, 'scotland-spso-model', "a Scottish landlord starts on the SPSO's model");
    t.equal(policy.inForce.version, 1);
  });

  await t.test("each preset's compliance report over HTTP: the findings its source implies, with paragraphs and values", async (t) => {
    // A landlord of its own, so these versions do not disturb the ones above.
    const own = await aKey(db, ['admin', 'complaints:read']);
    const call = (method: 'GET' | 'PUT', url: string, payload?: object) =>
      app.inject({ method, url, headers: own.headers, ...(payload ? { payload } : {}) });
    const CODE_GROUNDS = 'outside_policy_remit, final_response_already_given, new_matters_need_new_complaint, resident_refused_to_engage';
    // [rule, paragraph, policy value, Code value], worked out from each seed (see test/domain/policy/compliance.test.ts).
    const expected: [string, [string, string, string, string][]][] = [
      ['code-2024', []],
      [
        'seed-000-lumen',
        [
          ['escalation_window', '§6.10', '25 working days from stage_1_response', 'none'],
          ['informal_stage_untimed', '§5.2', 'an informal step with no time limit', 'none'],
        ],
      ],
      [
        'seed-001-lhp',
        [
          ['escalation_refusal_ground_not_in_code', '§6.10', "not_within_lhp_power: The issues raised are not within LHP's power to investigate, change or influence", CODE_GROUNDS],
          ['escalation_refusal_ground_not_in_code', '§6.10', "refuses_documented_evidence: A complainant's refusal to accept documented evidence as factual", CODE_GROUNDS],
          ['stage_2_acknowledgement_missing', '§6.11', 'none', '5 working days from escalation_request'],
          ['age_limit_shorter', '§2.3', '6 months', '12 months'],
        ],
      ],
      [
        'seed-002-longhurst',
        [
          ['escalation_window', '§6.10', '1 month from stage_1_response', 'none'],
          ['escalation_refusal_ground_not_in_code', '§6.10', 'no_criterion_evidenced: A customer can only use stage 2, if one or more of the following criteria has been evidenced', CODE_GROUNDS],
          ['escalation_in_writing', '§1.2', 'in writing', 'however made'],
          ['escalation_reasons_required', '§6.12', 'reasons required', 'no reasons required'],
          ['escalation_criteria', '§6.12', 'response_factually_inaccurate, response_does_not_address_complaint, complaints_process_not_followed', 'none'],
          ['informal_stage', '§5.2', 'informal resolution within 2 working days from receipt', 'none'],
        ],
      ],
      ['seed-003-housing-trust', [['escalation_window', '§6.10', '10 working days from stage_1_response', 'none']]],
      [
        'seed-004-lets-for-life',
        [
          ['stage_1_extension_uncapped', '§6.4', 'no cap', '10 working days'],
          ['stage_2_extension_uncapped', '§6.15', 'no cap', '20 working days'],
          ['informal_stage_untimed', '§5.2', 'an informal step with no time limit', 'none'],
        ],
      ],
      [
        'scotland-spso-model',
        [
          ['stage_1_acknowledgement_missing', '§6.2', 'none', '5 working days from receipt'],
          ['escalation_window', '§6.10', '2 months from stage_1_response, or 6 months from issue_occurred if later', 'none'],
          ['stage_2_extension_uncapped', '§6.15', 'no cap', '20 working days'],
          ['age_limit_shorter', '§2.3', '6 months', '12 months'],
        ],
      ],
      [
        'northern-ireland-nipso-model',
        [
          ['stage_1_acknowledgement_missing', '§6.2', 'none', '5 working days from receipt'],
          ['stage_1_extension_uncapped', '§6.4', 'no cap', '10 working days'],
          ['stage_2_extension_uncapped', '§6.15', 'no cap', '20 working days'],
        ],
      ],
    ];
    for (const [preset, findings] of expected) {
      const put = await call('PUT', '/v1/policy', { preset });
      t.ok([200, 201].includes(put.statusCode), `${preset} loads`);
      const report = (await call('GET', `/v1/policy/compliance?version=${put.json().version}`)).json();
      t.equal(report.compliant, findings.length === 0, `${preset}: compliant`);
      // Only LHP and Longhurst set a timescale for the Ombudsman's evidence requests (their seeds do).
      const evidenceSet = preset === 'seed-001-lhp' || preset === 'seed-002-longhurst';
      t.same(report.notices.map((n: { rule: string }) => n.rule), evidenceSet ? [] : ['ombudsman_evidence_missing'], `${preset}: notices`);
      t.strictSame(
        report.gaps.map((g: Record<string, string>) => [g.rule, g.codeParagraph, g.policyValue, g.codeValue]),
        findings,
        preset,
      );
    }
    // A stricter policy is accepted and reported compliant.
    const strict = await call('PUT', '/v1/policy', {
      preset: 'code-2024',
      overrides: { stage1: { acknowledge: { amount: 2 }, respond: { from: 'receipt' }, extensionCap: { amount: 0 } }, stage2: { extensionCap: { amount: 10 } } },
    });
    t.equal(strict.statusCode, 201);
    t.match((await call('GET', '/v1/policy/compliance')).json(), { version: strict.json().version, compliant: true, gaps: [] });
  });

  await t.test('invalid policies are refused with a 400 problem+json naming every bad field', async (t) => {
    const own = await aKey(db, ['admin', 'complaints:read']);
    const put = (payload: object) => app.inject({ method: 'PUT', url: '/v1/policy', headers: own.headers, payload });
    const whole = (change: (p: Policy) => void) => {
      const policy = structuredClone<Policy>(CODE_2024_POLICY);
      change(policy);
      return { policy };
    };
    const bad = <T>(value: unknown) => value as T;
    const cases: [string, object, string[]][] = [
      ['10,000 working days', whole((p) => void (p.stage2.respond.amount = 10_000)), ['stage2.respond.amount']],
      ['a year and a day in working days, as an override', { overrides: { stage1: { respond: { amount: 251 } } } }, ['stage1.respond.amount']],
      ['a negative extension cap', { overrides: { stage1: { extensionCap: { amount: -1 } } } }, ['stage1.extensionCap.amount']],
      ['a zero deadline', whole((p) => void (p.stage2.acknowledge!.amount = 0)), ['stage2.acknowledge.amount']],
      ['a zero age limit', { overrides: { exclusions: { ageLimit: { months: 0 } } } }, ['exclusions.ageLimit.months']],
      ['an unknown unit', whole((p) => void (p.stage1.respond.unit = bad('weeks'))), ['stage1.respond.unit']],
      ['an unknown clock start', { overrides: { stage1: { respond: { from: 'lunchtime' } } } }, ['stage1.respond.from']],
      ['a clock from another stage', whole((p) => void (p.stage2.respond.from = 'receipt')), ['stage2.respond.from']],
      ['an impossible cut-off', whole((p) => void (p.counting.receiptCutOff = '25:00')), ['counting.receiptCutOff']],
      ['a malformed cut-off', { overrides: { counting: { receiptCutOff: '5pm' } } }, ['counting.receiptCutOff']],
      [
        'several at once',
        { overrides: { stage1: { acknowledge: { amount: 0 }, respond: { amount: 10_000 } }, declineLetter: { amount: 10, unit: 'fortnights', from: 'decline_request' } } },
        ['stage1.acknowledge.amount', 'stage1.respond.amount', 'declineLetter.unit'],
      ],
    ];
    for (const [name, body, fields] of cases) {
      const res = await put(body);
      t.equal(res.statusCode, 400, name);
      t.match(res.headers['content-type'], /^application\/problem\+json/, `${name}: problem+json`);
      const problem = res.json();
      t.match(problem, { status: 400, code: /^(invalid_policy|validation_failed)$/, detail: String }, `${name}: a problem document`);
      const named = (problem.errors ?? []).map((e: { field: string }) => e.field);
      for (const field of fields) t.ok(named.some((f: string) => f === field || f.endsWith(`.${field}`)), `${name}: names ${field}`);
    }
    const overridden = (await put({ overrides: { stage1: { respond: { amount: 251 } } } })).json();
    t.same(overridden.errors.map((e: { field: string }) => e.field), ['body.overrides.stage1.respond.amount'], 'named where the request gave it');
    const zero = (await put(whole((p) => void (p.stage2.acknowledge!.amount = 0)))).json();
    t.same(zero.errors.map((e: { field: string }) => e.field), ['body.policy.stage2.acknowledge.amount']);
    t.equal((await app.inject({ method: 'GET', url: '/v1/policy/versions', headers: own.headers })).json().items.length, 1, 'nothing was written');
  });
});
