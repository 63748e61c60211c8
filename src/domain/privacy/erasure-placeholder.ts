/** What an erased personal value reads as, everywhere it was: visible, and never empty, so "was a reason given" stays true. */
export const ERASED = '[erased]';

/** Replaces a piece of text; an absent or empty one stays as it was, so every "was it stated" check answers as before. */
export function erased<T extends string | null | undefined>(value: T): T {
  return (typeof value === 'string' && value.trim() !== '' ? ERASED : value) as T;
}
