// What a key may do. `admin` manages the organisation, its policy and its keys; it does
// not imply the others, so a CRM's key and a website's key can be kept apart.
export const SCOPES = ['complaints:read', 'complaints:write', 'intake:create', 'reports:read', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}
