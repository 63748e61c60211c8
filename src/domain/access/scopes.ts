// What a key may do. `admin` manages the organisation, its policy and its keys; it does
// not imply the others, so a CRM's key and a website's key can be kept apart.
export const SCOPES = ['complaints:read', 'complaints:write', 'intake:create', 'reports:read', 'admin', 'privacy:manage'] as const;
export type Scope = (typeof SCOPES)[number];

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

// `privacy:manage` finds, exports and erases a person's data (UK GDPR): a data protection
// officer's key needs it without managing the organisation; an admin key may do it too.
const ALSO_GRANTED_BY: Partial<Record<Scope, readonly Scope[]>> = { 'privacy:manage': ['admin'] };

/** Whether a key holding `held` may use an operation that needs `needed`. */
export function grants(held: readonly Scope[], needed: Scope): boolean {
  return held.includes(needed) || (ALSO_GRANTED_BY[needed] ?? []).some((s) => held.includes(s));
}

/** The scopes that satisfy `needed`, for the documentation. */
export const scopesGranting = (needed: Scope): readonly Scope[] => [needed, ...(ALSO_GRANTED_BY[needed] ?? [])];
