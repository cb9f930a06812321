/** Thrown when a write carries an eTag that no longer matches the stored item. */
export class ETagConflictError extends Error {
  constructor(readonly key: string) {
    // Same wording as botbuilder's MemoryStorage and BlobsStorage, so logs read alike.
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

/**
 * True for an eTag conflict from any botbuilder storage: ours, MemoryStorage and BlobsStorage
 * throw a plain Error with the wording above; a raw Azure error carries HTTP status 412.
 */
export function isETagConflict(error: unknown): boolean {
  if (error instanceof ETagConflictError) return true;
  if (!(error instanceof Error)) return false;
  if ('statusCode' in error && error.statusCode === 412) return true;
  return /due to eTag conflict/.test(error.message);
}
