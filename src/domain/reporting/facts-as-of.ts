import type { IsoDate } from '../calendar/index.ts';
import type { ComplaintFacts, StageFacts } from './complaint-facts.ts';

const by = <T>(value: T, on: IsoDate | null | undefined, asOf: IsoDate): T | null => (on != null && on <= asOf ? value : null);

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

/**
 * The facts as they stood at the end of `asOf` (London dates): what happened later is
 * left out, so a report "as of" a date gives the same figures however much has been
 * recorded since, including back-dated entries and imports made later.
 */
export function factsAsOf(facts: readonly ComplaintFacts[], asOf: IsoDate): ComplaintFacts[] {
  return facts
    .filter((f) => f.receivedOn <= asOf)
    .map((f) => ({
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
    }));
}
