import { readdirSync, readFileSync } from 'node:fs';
import { buildUkCalendars, validateBankHolidayFeed, type WorkingDayCalendar } from '../../../src/domain/calendar/index.ts';
import { applyOverrides, findPreset, presetsFrom, type Policy, type PolicyOverrides } from '../../../src/domain/policy/index.ts';
import {
  acknowledge,
  deadlinesOf,
  logComplaint,
  type AcknowledgeInput,
  type CommandContext,
  type CommandResult,
  type Complaint,
  type ComplaintEvent,
  type Deadline,
  type DeadlineKind,
  type LogComplaintInput,
  type LogContext,
  type RespondInput,
} from '../../../src/domain/complaint/index.ts';

const root = new URL('../../../config/', import.meta.url);
const feed = validateBankHolidayFeed(JSON.parse(readFileSync(new URL('bank-holidays/bank-holidays.json', root), 'utf8')));
export const calendars = buildUkCalendars(feed);
export const england = calendars['england-and-wales'];
export const scotland = calendars.scotland;

const presetDir = new URL('policy-presets/', root);
const presets = presetsFrom(
  readdirSync(presetDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(new URL(f, presetDir), 'utf8')) as unknown),
);

export function preset(name: string, overrides?: PolicyOverrides): Policy {
  const found = findPreset(presets, name);
  if (found === undefined) throw new Error(`no preset ${name}`);
  return overrides === undefined ? found.policy : applyOverrides(found.policy, overrides);
}

export function aLogInput(overrides: Partial<LogComplaintInput> = {}): LogComplaintInput {
  return {
    channel: 'email',
    receivedAt: '2026-12-16T16:00:00Z',
    complainant: { name: 'Ada Resident', email: 'ada@example.org', tenancyRef: 'T-1' },
    description: 'The boiler repair was not done',
    outcomesSought: ['Repair the boiler'],
    ...overrides,
  };
}

export function anAcknowledgement(overrides: Partial<AcknowledgeInput> = {}): AcknowledgeInput {
  return { definition: 'The boiler repair was missed twice', outcomesSought: ['Repair the boiler'], handler: 'alice', ...overrides };
}

/** A complete response deciding every matter of the complaint. */
export function aResponse(complaint: Complaint, overrides: Partial<RespondInput> = {}): RespondInput {
  return {
    stage: complaint.stage,
    definition: complaint.definition ?? 'definition',
    decisions: complaint.matters.map((m) => ({ matterId: m.id, outcome: 'upheld' as const, reasons: 'We missed the appointment' })),
    remedies: [],
    outstandingActions: [],
    escalationExplained: true,
    ...overrides,
  };
}

type Command<I> = (complaint: Complaint, input: I, ctx: CommandContext) => CommandResult;

/** A complaint driven command by command, keeping its events: the journey tests' builder. */
export class Story {
  complaint!: Complaint;
  events: ComplaintEvent[] = [];

  constructor(
    readonly policy: Policy = preset('code-2024'),
    readonly calendar: WorkingDayCalendar = england,
  ) {}

  ctx(at: string, recordedAt: string = at): CommandContext {
    return { occurredAt: new Date(at), recordedAt: new Date(recordedAt), actor: 'key_test', policy: this.policy, calendar: this.calendar };
  }

  logCtx(at: string, recordedAt: string = at): LogContext {
    return { ...this.ctx(at, recordedAt), id: 'c-1', reference: 'CMP-2026-000001', organisationId: 'org-1', policyVersion: 1 };
  }

  log(input: Partial<LogComplaintInput> = {}, loggedAt?: string): this {
    const full = aLogInput(input);
    return this.keep(logComplaint(full, this.logCtx(loggedAt ?? full.receivedAt)));
  }

  run<I>(command: Command<I>, at: string, input: I, recordedAt?: string): this {
    return this.keep(command(this.complaint, input, this.ctx(at, recordedAt)));
  }

  /** Runs a command without keeping the result: for asserting refusals. */
  attempt<I>(command: Command<I>, at: string, input: I, recordedAt?: string): CommandResult {
    return command(this.complaint, input, this.ctx(at, recordedAt));
  }

  acknowledge(at: string, input: Partial<AcknowledgeInput> = {}): this {
    return this.run(acknowledge, at, anAcknowledgement(input));
  }

  get deadlines(): Deadline[] {
    return deadlinesOf(this.complaint, this.policy, this.calendar);
  }

  deadline(kind: DeadlineKind, ref?: string): Deadline {
    const found = this.deadlines.find((d) => d.kind === kind && (ref === undefined || d.ref === ref));
    if (found === undefined) throw new Error(`no ${kind} deadline${ref === undefined ? '' : ` ${ref}`}`);
    return found;
  }

  has(kind: DeadlineKind): boolean {
    return this.deadlines.some((d) => d.kind === kind);
  }

  private keep(result: CommandResult): this {
    this.complaint = result.complaint;
    this.events.push(...result.events);
    return this;
  }
}

/** A logged complaint (Code 2024, England), optionally with fields overwritten: for table tests of guards. */
export function aComplaint(overrides: Partial<Complaint> = {}): Complaint {
  return { ...new Story().log().complaint, ...overrides };
}

/** The DomainError a call throws, for `t.match`. */
export function errorOf(fn: () => unknown): { kind: string; code: string; message: string; fields: readonly { field: string; message: string }[] } {
  try {
    fn();
  } catch (error) {
    return error as { kind: string; code: string; message: string; fields: readonly { field: string; message: string }[] };
  }
  throw new Error('expected an error, none was thrown');
}
