import { DomainError } from '../../domain-error.ts';
import { asJson, begin, commit, type CommandContext, type CommandResult } from '../command-context.ts';
import { OUTCOMES, type Decision, type Outcome, type StageResponse } from '../complaint-outcomes.ts';
import type { Stage } from '../complaint-parts.ts';
import { stageKey, type Complaint } from '../complaint.ts';
import { isText, Missing } from '../input-checks.ts';
import { targetStatus } from '../transitions.ts';
import { actionFrom, remedyFrom, type ActionInput, type RemedyInput } from './promises.ts';

/**
 * A stage 1 or stage 2 response. Every element of domain §3 is required;
 * they are optional in the type so that one 422 can list all that are missing.
 * `remedies` and `outstandingActions` are required as lists: empty says "none".
 */
export interface RespondInput {
  stage?: Stage;
  definition?: string;
  decisions?: { matterId?: string; outcome?: Outcome; reasons?: string }[];
  remedies?: RemedyInput[];
  outstandingActions?: ActionInput[];
  /** Stage 1: how to escalate to stage 2; stage 2: the right to refer to the Ombudsman. */
  escalationExplained?: boolean;
}

function decisionsOf(complaint: Complaint, input: RespondInput, missing: Missing): Decision[] {
  if (!Array.isArray(input.decisions)) {
    missing.add('decisions', 'a decision (upheld, partly_upheld or not_upheld) with reasons is required for each matter');
    return [];
  }
  const known = new Set(complaint.matters.map((m) => m.id));
  const seen = new Set<string>();
  const decisions: Decision[] = [];
  input.decisions.forEach((d, i) => {
    if (!isText(d.matterId) || !known.has(d.matterId)) missing.add(`decisions[${i}].matterId`, `must name a matter of the complaint (${[...known].join(', ')})`);
    else if (seen.has(d.matterId)) missing.add(`decisions[${i}].matterId`, `${d.matterId} is decided twice`);
    if (!(OUTCOMES as readonly unknown[]).includes(d.outcome)) missing.add(`decisions[${i}].outcome`, `must be one of ${OUTCOMES.join(', ')}`);
    missing.text(d.reasons, `decisions[${i}].reasons`, 'the reasons for the decision are required');
    if (isText(d.matterId)) seen.add(d.matterId);
    decisions.push({ matterId: d.matterId ?? '', outcome: d.outcome ?? 'not_upheld', reasons: d.reasons?.trim() ?? '' });
  });
  for (const matter of complaint.matters) {
    if (!seen.has(matter.id)) missing.add('decisions', `no decision for matter ${matter.id} (${matter.summary})`);
  }
  return decisions;
}

export function respond(complaint: Complaint, input: RespondInput, ctx: CommandContext): CommandResult {
  const at = begin('respond', complaint, ctx);
  const missing = new Missing();
  if (input.stage === undefined) missing.add('stage', 'the response must state its stage');
  missing.text(input.definition, 'definition', 'the response must restate the complaint definition');
  const decisions = decisionsOf(complaint, input, missing);
  const stage = complaint.stage;
  if (!Array.isArray(input.remedies)) missing.add('remedies', 'state the remedies offered (an empty list when none)');
  if (!Array.isArray(input.outstandingActions)) missing.add('outstandingActions', 'state the outstanding actions (an empty list when none)');
  const remedies = (input.remedies ?? []).map((r, i) => remedyFrom(r, `remedies[${i}]`, missing, `r${complaint.remedies.length + i + 1}`, stage, at));
  const actions = (input.outstandingActions ?? []).map((a, i) => actionFrom(a, `outstandingActions[${i}]`, missing, `a${complaint.actions.length + i + 1}`, stage, at));
  const how = stage === 1 ? 'how to escalate the complaint to stage 2' : 'the right to refer the complaint to the Housing Ombudsman';
  missing.truthy(input.escalationExplained, 'escalationExplained', `the response must explain ${how}`);
  missing.throwIfAny('response_incomplete', `the stage ${stage} response`);
  if (input.stage !== stage) {
    throw new DomainError('conflict', 'wrong_stage', `the complaint is at stage ${stage}; a stage ${String(input.stage)} response cannot be sent`);
  }
  const response: StageResponse = {
    stage,
    sentAt: at,
    definition: input.definition!.trim(),
    decisions,
    remedyIds: remedies.map((r) => r.id),
    actionIds: actions.map((a) => a.id),
    escalationExplained: true,
  };
  // A frontline response (no acknowledgement at this stage) is where the definition is first set out.
  const acknowledged = complaint.acknowledgements[stageKey(stage)] !== null;
  const next: Complaint = {
    ...complaint,
    status: targetStatus('respond', complaint),
    definition: acknowledged ? complaint.definition : response.definition,
    responses: { ...complaint.responses, [stageKey(stage)]: response },
    remedies: [...complaint.remedies, ...remedies],
    actions: [...complaint.actions, ...actions],
  };
  return commit(next, ctx, 'complaint.responded', asJson({ ...response, remedies, actions }));
}
