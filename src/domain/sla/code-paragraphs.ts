import { AWAABS_LAW_RULES } from '../hazards/awaabs-law.ts';

/**
 * Where each deadline rule comes from in the Complaint Handling Code 2024 (the same
 * paragraphs the compliance check cites). `paragraph` is null where the timescale is
 * the landlord's own (the Code sets none): it still binds the landlord, or the resident
 * for a window, because the policy says so.
 */
export interface RuleSource {
  paragraph: string | null;
  text: string;
}

const SOURCES: Readonly<Record<string, RuleSource>> = {
  'stage1.acknowledge': { paragraph: '§6.2', text: 'acknowledge, define and log a stage 1 complaint within 5 working days of receipt' },
  'stage1.respond': { paragraph: '§6.3', text: 'respond at stage 1 within 10 working days of the acknowledgement' },
  'stage1.extension': { paragraph: '§6.4', text: 'a stage 1 extension: at most 10 more working days without good reason, told to the resident' },
  escalationWindow: { paragraph: '§6.10', text: "the resident's window to ask for stage 2 (the Code itself sets no time limit)" },
  'stage2.acknowledge': { paragraph: '§6.11', text: 'acknowledge a stage 2 request within 5 working days of receiving it' },
  'stage2.respond': { paragraph: '§6.14', text: 'respond at stage 2 within 20 working days of the acknowledgement' },
  'stage2.extension': { paragraph: '§6.15', text: 'a stage 2 extension: at most 20 more working days without good reason, told to the resident' },
  autoCloseWindow: { paragraph: null, text: "the landlord's policy: close when the resident makes no contact within this window after the stage 1 response" },
  declineLetter: { paragraph: null, text: "the landlord's policy: send the written reasons for not accepting or not escalating a complaint" },
  ombudsmanEvidence: { paragraph: null, text: "the landlord's policy: provide evidence the Ombudsman asked for" },
  'ombudsman.evidenceRequests.dueDate': { paragraph: null, text: "the date the Ombudsman set for the evidence" },
  'ombudsman.orders.dueDate': { paragraph: null, text: "the date the Ombudsman's determination set for complying with its order" },
  ...Object.fromEntries(Object.entries(AWAABS_LAW_RULES).map(([rule, text]) => [rule, { paragraph: null, text }])),
  'remedy.dueDate': { paragraph: '§7', text: 'a remedy offered, tracked to completion by the date promised' },
  'action.dueDate': { paragraph: null, text: 'an outstanding action promised in a response, tracked to completion by the date agreed' },
};

export function ruleSource(rule: string): RuleSource {
  return SOURCES[rule] ?? { paragraph: null, text: `the policy rule ${rule}` };
}

/** The extension rule of a stage's response deadline. */
export function extensionSource(stage: 1 | 2): RuleSource {
  return ruleSource(`stage${stage}.extension`);
}
