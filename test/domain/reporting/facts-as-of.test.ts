import t from 'tap';
import { factsAsOf, type ComplaintFacts } from '../../../src/domain/reporting/index.ts';
import { aStage, anExtension, someFacts } from './facts-builders.ts';

// factsAsOf: what had happened by the end of a London date. Facts with nothing later are
// given back as they are; every later step, wherever it sits, is cut.
const whole = someFacts('2025-05-01', {
  status: 'closed',
  stage1: aStage('2025-05-01', { acknowledgedOn: '2025-05-02', respondedOn: '2025-05-14', outcome: 'upheld', responseComplete: true, extensions: [anExtension('2025-05-09', '2025-05-16', '2025-05-23')] }),
  stage2: aStage('2025-05-20', { acknowledgedOn: '2025-05-21', respondedOn: '2025-06-10', outcome: 'not_upheld', responseComplete: true }),
  closedOn: '2025-06-11',
  ombudsmanDetermination: { on: '2025-09-01', findings: ['service_failure'] },
  ombudsmanOrders: [{ type: 'order', dueDate: '2025-10-01', completedOn: '2025-09-20' }],
});

t.test('a complaint with nothing after the date is given as it is', async (t) => {
  const [same] = factsAsOf([whole], '2025-12-31');
  t.equal(same, whole, 'the same object, not a copy');
  t.same(factsAsOf([whole], '2025-04-30'), [], 'received after the date: left out');
});

t.test('each later step is cut, and only it', async (t) => {
  const cut = (asOf: string, f: ComplaintFacts = whole) => {
    const [out] = factsAsOf([f], asOf);
    t.not(out, f, `as of ${asOf}: a new object`);
    return out!;
  };
  t.match(cut('2025-09-10'), { ombudsmanDetermination: { on: '2025-09-01' }, ombudsmanOrders: [{ completedOn: null }] }, 'an order complied with later: not yet');
  t.match(cut('2025-08-31'), { closedOn: '2025-06-11', ombudsmanDetermination: null, ombudsmanOrders: [] }, 'the determination and its orders: not yet');
  t.match(cut('2025-06-10'), { closedOn: null, stage2: { respondedOn: '2025-06-10' } });
  t.match(cut('2025-06-09'), { stage2: { respondedOn: null, outcome: null, responseComplete: null } }, 'a response not yet sent says nothing of its outcome');
  t.match(cut('2025-05-19'), { stage1: { respondedOn: '2025-05-14' }, stage2: null }, 'escalated later: no stage 2');
  t.match(cut('2025-05-08'), { stage1: { acknowledgedOn: '2025-05-02', respondedOn: null, extensions: [] } }, 'an extension decided later: none');
  t.match(cut('2025-05-01'), { stage1: { acknowledgedOn: null } });
  const withdrawn = someFacts('2025-05-01', { withdrawnOn: '2025-05-03', decline: { on: '2025-05-02', ground: 'legal_proceedings', explained: true, ombudsmanRightGiven: true, discretionConsidered: false } });
  t.match(cut('2025-05-01', withdrawn), { withdrawnOn: null, decline: null });
  const orphanOrders = someFacts('2025-05-01', { ombudsmanOrders: [{ type: 'order', dueDate: '2025-10-01', completedOn: null }] });
  t.same(cut('2025-12-31', orphanOrders).ombudsmanOrders, [], 'orders count only with their determination');
});
