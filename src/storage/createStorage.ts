import path from 'node:path';
import type { Storage } from 'botbuilder';
import { silentLogger, type Logger } from '../log';
import { FileStorage } from './fileStorage';
import { LowdbStorage } from './lowdbStorage';

export const STORAGE_KINDS = ['files', 'lowdb', 'blobs'] as const;
export type StorageKind = (typeof STORAGE_KINDS)[number];

export interface StorageOptions {
  /**
   * 'files' (default): a journal and bucket files in `<dataDir>/state`, one instance, memory flat
   * whatever the number of conversations. 'lowdb': one JSON file held whole in memory (small
   * deployments). 'blobs': Azure Blob Storage, any number of instances.
   */
  readonly kind?: StorageKind;
  /** Folder of the lowdb file, `<dataDir>/state.json`. */
  readonly dataDir: string;
  /** Idle conversations are dropped after this long (lowdb; for blobs use a lifecycle rule). */
  readonly ttlSeconds: number;
  /** files, lowdb: how long changes may wait before they are written (see FileStorageOptions, LowdbStorageOptions). */
  readonly flushDelayMs?: number;
  /** files: items kept in memory besides changes not yet in the bucket files. */
  readonly cacheItems?: number;
  /** Required when kind is 'blobs'. */
  readonly blobs?: {
    readonly connectionString: string;
    readonly container: string;
  };
  readonly logger?: Logger;
}

/** The storage the bot's state uses, and how to shut it down cleanly. */
export interface StorageHandle {
  readonly kind: StorageKind;
  readonly storage: Storage;
  /** Where the state lives, for the start-up log (never includes secrets). */
  readonly location: string;
  close(): Promise<void>;
}

export class StorageConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StorageConfigError';
  }
}

// Azure's rule: 3-63 characters, lowercase letters, digits and single hyphens, starting and ending alphanumeric.
const CONTAINER_NAME = /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;

export async function createStorage(options: StorageOptions): Promise<StorageHandle> {
  const logger = options.logger ?? silentLogger;
  const kind = options.kind ?? 'files';
  switch (kind) {
    case 'files': {
      const dir = path.join(options.dataDir, 'state');
      const storage = await FileStorage.open({
        dir,
        ttlSeconds: options.ttlSeconds,
        flushDelayMs: options.flushDelayMs ?? 0,
        ...(options.cacheItems ? { cacheItems: options.cacheItems } : {}),
        // An earlier version kept everything in one file: taken over on first start.
        legacyFile: path.join(options.dataDir, 'state.json'),
        logger,
      });
      return { kind, storage, location: dir, close: () => storage.close() };
    }
    case 'lowdb': {
      const file = path.join(options.dataDir, 'state.json');
      const storage = await LowdbStorage.open({ file, ttlSeconds: options.ttlSeconds, logger, flushDelayMs: options.flushDelayMs ?? 0 });
      return { kind, storage, location: file, close: () => storage.close() };
    }
    case 'blobs': {
      const { connectionString = '', container = '' } = options.blobs ?? {};
      if (!connectionString) throw new StorageConfigError('BLOB_CONNECTION_STRING is required when STORAGE=blobs');
      if (!CONTAINER_NAME.test(container)) {
        throw new StorageConfigError(`BLOB_CONTAINER must be a valid container name (3-63 lowercase letters, digits, hyphens), got "${container}"`);
      }
      // Loaded only when chosen: the Azure SDK adds ~135 ms and ~9 MB to start-up.
      const { BlobsStorage } = await import('botbuilder-azure-blobs');
      // The container is created on first use; the SDK keeps no resources that need closing.
      const storage = new BlobsStorage(connectionString, container);
      return { kind, storage, location: `blob container "${container}"`, close: async () => {} };
    }
  }
}
