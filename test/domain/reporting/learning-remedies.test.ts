import t from 'tap';
import { learningRemedies } from '../../../src/domain/reporting/index.ts';
import { someFacts } from './facts-builders.ts';

const remedy = (type: 'apology' | 'training' | 'policy_change') => ({ type, compensationPence: 0, refundPence: 0 });

t.test('learning remedies: the policy changes and training agreed, per service area, most first', async (t) => {
  const facts = [
    someFacts('2025-05-01', { serviceArea: 'repairs', remedies: [remedy('training'), remedy('apology'), remedy('policy_change')] }),
    someFacts('2025-06-01', { serviceArea: 'repairs', remedies: [remedy('training')] }),
    someFacts('2025-07-01', { serviceArea: null, remedies: [remedy('policy_change')] }),
    someFacts('2025-08-01', { serviceArea: 'anti-social behaviour', remedies: [remedy('training')] }),
    someFacts('2025-09-01', { serviceArea: 'lettings', remedies: [remedy('apology')] }),
  ];
  t.same(learningRemedies(facts), [
    { serviceArea: 'repairs', type: 'training', count: 2 },
    { serviceArea: 'anti-social behaviour', type: 'training', count: 1 },
    { serviceArea: 'none recorded', type: 'policy_change', count: 1 },
    { serviceArea: 'repairs', type: 'policy_change', count: 1 },
  ]);
  t.same(learningRemedies([]), [], 'none agreed: none listed');
});
