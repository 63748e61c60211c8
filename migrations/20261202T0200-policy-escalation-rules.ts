import { sql, type Kysely } from 'kysely';
import { CODE_ESCALATION_RULES } from '../src/domain/policy/escalation-rules.ts';

// Policies gained `escalationRules` (issue 14: a policy's own grounds for refusing stage 2
// and what a request must contain). Versions stored before it get the Code's rules, which
// is what the service enforced for every policy until then, so no complaint's outcome changes.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    update policy_versions
    set policy = policy || jsonb_build_object('escalationRules', ${JSON.stringify(CODE_ESCALATION_RULES)}::jsonb)
    where not policy ? 'escalationRules'
  `.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`update policy_versions set policy = policy - 'escalationRules'`.execute(db);
}
