import { Type, type TSchema } from '@sinclair/typebox';
import { PUBLIC_EVENT_TYPES, type PublicEventType } from '../../domain/events/catalogue.ts';

// The OpenAPI 3.1 `webhooks` section: one entry per event type, its payload's schema, the
// Standard Webhooks headers, and what the receiver should answer.

const DESCRIPTIONS: Record<PublicEventType, string> = {
  'complaint.logged': 'A complaint was logged; `change.channel` says how it came in and `change.fromPublicForm` whether through the public web form',
  'complaint.acknowledged': 'Stage 1 acknowledged, with its definition and handler',
  'complaint.declined': 'The landlord declined to take the complaint on, with its reason',
  'complaint.decline_considered': 'A decline (or a refusal to escalate) is being considered; where the policy says so, the decline letter counts from it',
  'complaint.resolved_informally': 'An informal resolution or support request was resolved (it meets its deadline and closes it)',
  'complaint.became_complaint': 'A stage 1 complaint was raised from an informal resolution (which ends) or a support request (which carries on)',
  'complaint.contact_restricted': "A contact restriction was recorded (reason, who decided, the channels still allowed, its review date); the complaint is still handled",
  'complaint.contact_restriction_reviewed': 'A contact restriction was reviewed; with no next review date it ended',
  'complaint.contact_restriction_ended': 'A contact restriction ended',
  'complaint.assigned': 'A handler was assigned',
  'complaint.contact_logged': 'A contact with the resident was logged',
  'complaint.matter_added': 'A matter was added to the complaint',
  'complaint.linked': 'Linked with another complaint (a matter raised after a response)',
  'complaint.extended': 'A deadline was extended; `change` has the new due date',
  'complaint.responded': 'A stage response was sent',
  'complaint.escalated': 'The resident escalated to stage 2',
  'complaint.escalation_refused': 'An escalation request was refused, with its reason',
  'complaint.stage_2_acknowledged': 'Stage 2 acknowledged',
  'complaint.withdrawn': 'The resident withdrew the complaint',
  'complaint.closed': 'Closed by the landlord, with its reason',
  'complaint.auto_closed': "Closed by the sweep: the policy's auto-close window after the stage 1 response ran out",
  'complaint.reopened': 'Reopened',
  'complaint.remedy_added': 'A remedy was promised',
  'complaint.remedy_completed': 'A remedy was completed',
  'complaint.action_added': 'An action was promised',
  'complaint.action_completed': 'An action was completed',
  'complaint.ombudsman_referred': 'Referred to the Ombudsman',
  'complaint.ombudsman_evidence_requested': 'The Ombudsman asked for evidence',
  'complaint.ombudsman_evidence_provided': 'Evidence was sent to the Ombudsman',
  'complaint.ombudsman_determined': 'The Ombudsman determined the case',
  'complaint.ombudsman_order_completed': "The landlord complied with an Ombudsman order or recommendation",
  'complaint.hazard_reported': "A hazard was reported (Awaab's Law clocks start)",
  'complaint.hazard_step_recorded': "A step of a hazard was recorded (investigated, summary sent, made safe, works…)",
  'complaint.deadlines_recomputed': 'Deadlines moved because the calendar (bank holidays, closure days) changed; `change` lists each old and new due date',
  'complaint.personal_data_erased': "The complaint's personal data was erased or anonymised (an erasure request or the retention schedule); `change` says which kinds, never the data: erase your copies too",
  'deadline.due_soon': "A landlord's deadline falls due today or on the next working day",
  'deadline.breached': "A landlord's deadline passed unmet",
  'policy.changed': 'A new version of the complaints policy was added',
  'organisation.changed': "The organisation's settings changed; `changedFields` names them",
  'webhook.disabled': 'A subscription was disabled: its endpoint answered 410, or every delivery failed for 3 days',
  'webhook.test': 'Sent on request to one subscription (POST /v1/webhooks/{id}/test); never in the feed',
};

const nullable = (s: TSchema) => Type.Union([s, Type.Null()]);
const ComplaintData = (change: TSchema) =>
  Type.Object({
    complaintId: Type.String({ format: 'uuid' }),
    reference: Type.String({ description: 'e.g. CMP-2026-000123' }),
    externalRef: nullable(Type.String()),
    status: Type.String({ description: 'the complaint status after this change' }),
    stage: Type.Integer({ minimum: 1, maximum: 2 }),
    version: Type.Integer({ description: 'the complaint version after this change: a receiver that has a higher one can drop this event' }),
    actor: Type.Optional(Type.String({ description: 'the API key id or system job that made the change' })),
    change,
  });
const Recorded = Type.Object({}, { additionalProperties: true, description: 'what the command recorded, as in GET /v1/complaints/{id}/events' });
const DeadlineChange = Type.Object({
  kind: Type.String(), stage: nullable(Type.Integer()), ref: nullable(Type.String()), dueDate: Type.String({ format: 'date' }),
  dueAt: Type.Optional(nullable(Type.String({ format: 'date-time', description: "the instant, for a deadline in hours (Awaab's Law)" }))),
  handler: nullable(Type.String()), serviceArea: nullable(Type.String()),
});

function dataOf(type: PublicEventType): TSchema {
  switch (type) {
    case 'complaint.logged':
      return ComplaintData(Type.Object({
        channel: Type.String(), fromPublicForm: Type.Boolean(), receivedAt: Type.String({ format: 'date-time' }), receiptDate: Type.String({ format: 'date' }),
        category: nullable(Type.String()), serviceArea: nullable(Type.String()), policyVersion: Type.Integer(), linkedFrom: nullable(Type.String()),
      }));
    case 'deadline.due_soon':
    case 'deadline.breached':
      return ComplaintData(DeadlineChange);
    case 'policy.changed':
      return Type.Object({ policyVersion: Type.Integer(), effectiveFrom: Type.String({ format: 'date' }), preset: nullable(Type.String()), actor: Type.String() });
    case 'organisation.changed':
      return Type.Object({ version: Type.Integer(), name: Type.String(), division: Type.String(), changedFields: Type.Array(Type.String()), actor: Type.String() });
    case 'webhook.disabled':
      return Type.Object({ webhookId: Type.String({ format: 'uuid' }), url: Type.String(), reason: Type.String() });
    case 'webhook.test':
      return Type.Object({ webhookId: Type.String({ format: 'uuid' }), message: Type.String() });
    default:
      return ComplaintData(Recorded);
  }
}

const header = (name: string, description: string) => ({ name, in: 'header', required: true, description, schema: { type: 'string' } });
const HEADERS = [
  header('webhook-id', 'the event id: the same on every retry; dedupe on it'),
  header('webhook-timestamp', 'Unix seconds when this attempt was signed; reject one more than 5 minutes off'),
  header('webhook-signature', '`v1,<base64 HMAC-SHA256 of "id.timestamp.body">` per active secret, space-separated (two during a rotation)'),
];

export function webhooksSection(): Record<string, unknown> {
  return Object.fromEntries(
    PUBLIC_EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          operationId: `on_${type.replace(/\./g, '_')}`,
          tags: ['webhooks'],
          summary: DESCRIPTIONS[type],
          description: 'Signed by Standard Webhooks 1.0. Answer 2xx within 10 s; anything else is retried with exponential backoff for 3 days; 410 disables the subscription.',
          parameters: HEADERS,
          // No bearer key: the receiver authenticates us by the webhook-signature header.
          security: [],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: Type.Object({
                  id: Type.String({ format: 'uuid' }),
                  type: Type.Literal(type),
                  sequence: type === 'webhook.test' ? Type.Null() : Type.Integer({ minimum: 1, description: 'per landlord, in commit order: reorder by it' }),
                  createdAt: Type.String({ format: 'date-time' }),
                  occurredAt: Type.String({ format: 'date-time' }),
                  organisationId: Type.String({ format: 'uuid' }),
                  dataVersion: Type.Literal(1),
                  data: dataOf(type),
                }),
              },
            },
          },
          responses: { '2XX': { description: 'Received; not sent again' }, '410': { description: 'Gone: the subscription is disabled' } },
        },
      },
    ]),
  );
}
