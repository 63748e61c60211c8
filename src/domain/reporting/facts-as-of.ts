import type { IsoDate } from '../calendar/index.ts';
import type { ComplaintFacts, StageFacts } from './complaint-facts.ts';

const by = <T>(value: T, on: IsoDate | null | undefined, asOf: IsoDate): T | null => (on != null && on <= asOf ? value : null);
const notAfter = (on: IsoDate | null | undefined, asOf: IsoDate): boolean => on == null || on <= asOf;

/**
 * The facts as they stood at the end of `asOf` (London dates): what happened later is
 * left out, so a report "as of" a date gives the same figures however much has been
 * recorded since, including back-dated entries and imports made later. A fact with
 * nothing later (most of them, when `asOf` is today) is given as it is, not copied.
 */
export function factsAsOf(facts: readonly ComplaintFacts[], asOf: IsoDate): ComplaintFacts[] {
  const out: ComplaintFacts[] = [];
  for (const f of facts) if (f.receivedOn <= asOf) out.push(unchangedAsOf(f, asOf) ? f : factAsOf(f, asOf));
  return out;
}

function factAsOf(f: ComplaintFacts, asOf: IsoDate): ComplaintFacts {
  return {
    ...f,
    stage1: stageAsOf(f.stage1, asOf),
    stage2: f.stage2 !== null && f.stage2.startedOn <= asOf ? stageAsOf(f.stage2, asOf) : null,
    escalationRefusal: by(f.escalationRefusal, f.escalationRefusal?.on, asOf),
    decline: by(f.decline, f.decline?.on, asOf),
    withdrawnOn: by(f.withdrawnOn, f.withdrawnOn, asOf),
    closedOn: by(f.closedOn, f.closedOn, asOf),
    ombudsmanDetermination: by(f.ombudsmanDetermination, f.ombudsmanDetermination?.on, asOf),
    // Orders are made by the determination; their compliance counts once it happened.
    ombudsmanOrders:
      f.ombudsmanDetermination !== null && f.ombudsmanDetermination.on <= asOf
        ? f.ombudsmanOrders.map((o) => ({ ...o, completedOn: by(o.completedOn, o.completedOn, asOf) }))
        : [],
  };
}

function stageAsOf(stage: StageFacts, asOf: IsoDate): StageFacts {
  const responded = stage.respondedOn !== null && stage.respondedOn <= asOf;
  return {
    ...stage,
    acknowledgedOn: by(stage.acknowledgedOn, stage.acknowledgedOn, asOf),
    respondedOn: responded ? stage.respondedOn : null,
    outcome: responded ? stage.outcome : null,
    responseComplete: responded ? stage.responseComplete : null,
    extensions: stage.extensions.filter((e) => e.decidedOn <= asOf),
  };
}

/** Whether factAsOf would give every field back as it is. */
function unchangedAsOf(f: ComplaintFacts, asOf: IsoDate): boolean {
  const d = f.ombudsmanDetermination;
  return (
    stageUnchangedAsOf(f.stage1, asOf) &&
    (f.stage2 === null || (f.stage2.startedOn <= asOf && stageUnchangedAsOf(f.stage2, asOf))) &&
    notAfter(f.escalationRefusal?.on, asOf) &&
    notAfter(f.decline?.on, asOf) &&
    notAfter(f.withdrawnOn, asOf) &&
    notAfter(f.closedOn, asOf) &&
    (d === null ? f.ombudsmanOrders.length === 0 : d.on <= asOf && f.ombudsmanOrders.every((o) => notAfter(o.completedOn, asOf)))
  );
}

function stageUnchangedAsOf(s: StageFacts, asOf: IsoDate): boolean {
  return (
    notAfter(s.acknowledgedOn, asOf) &&
    (s.respondedOn === null ? s.outcome === null && s.responseComplete === null : s.respondedOn <= asOf) &&
    s.extensions.every((e) => e.decidedOn <= asOf)
  );
}
