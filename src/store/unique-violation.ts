/** A PostgreSQL unique violation (SQLSTATE 23505) on `constraint`, from pg or PGlite alike. */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: unknown; constraint?: unknown } | null;
  return typeof e === 'object' && e !== null && e.code === '23505' && e.constraint === constraint;
}
