import type { ComplaintFacts, StageFacts } from '../../../src/domain/reporting/index.ts';

/** A stage as the reports see it: started, and (unless overridden) nothing else yet. */
export function aStage(startedOn: string, overrides: Partial<StageFacts> = {}): StageFacts {
  return { startedOn, acknowledgedOn: null, handler: null, respondedOn: null, outcome: null, responseComplete: null, extensions: [], ...overrides };
}

let counter = 0;

/** One complaint's facts, received on `receivedOn`; everything else as given. */
export function someFacts(receivedOn: string, overrides: Partial<ComplaintFacts> = {}): ComplaintFacts {
  counter += 1;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    reference: `CMP-T-${String(counter).padStart(4, '0')}`,
    status: 'received',
    channel: 'email',
    category: null,
    serviceArea: null,
    receivedOn,
    stage1: aStage(receivedOn),
    stage2: null,
    escalationRefusal: null,
    decline: null,
    withdrawnOn: null,
    closedOn: null,
    remedies: [],
    ombudsmanDetermination: null,
    ombudsmanOrders: [],
    ...overrides,
  };
}

export function anExtension(decidedOn: string, previousDueDate: string, newDueDate: string, goodReason: string | null = null) {
  return { decidedOn, residentToldOn: decidedOn, reason: 'complex', previousDueDate, newDueDate, goodReason };
}
