export { createStorage, STORAGE_KINDS, StorageConfigError, type StorageHandle, type StorageKind, type StorageOptions } from './createStorage';
export { ETagConflictError, isETagConflict } from './eTagConflict';
export { FileStorage, type FileStorageOptions } from './fileStorage';
export { LowdbStorage, type LowdbStorageOptions } from './lowdbStorage';
export { LeanUserState, OptimisticConversationState } from './optimisticConversationState';
export { TurnQueue } from './turnQueue';
export { ConversationTurnQueue } from './turnQueueMiddleware';
