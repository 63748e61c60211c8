import { DomainError } from '../domain/domain-error.ts';

export const externalRefTaken = (externalRef: string): DomainError =>
  new DomainError('conflict', 'external_ref_taken', `A complaint with externalRef ${externalRef} already exists`, [
    { field: 'body.externalRef', message: 'is already used by another complaint of this landlord' },
  ]);
