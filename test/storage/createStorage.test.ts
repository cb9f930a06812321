import path from 'node:path';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { createStorage, StorageConfigError } from '../../src/storage/createStorage';
import { FileStorage } from '../../src/storage/fileStorage';
import { LowdbStorage } from '../../src/storage/lowdbStorage';
import { useTempDir } from './support';

const dir = useTempDir('create-storage');

describe('createStorage', () => {
  it('keeps state in <dataDir>/state by default', async () => {
    const handle = await createStorage({ dataDir: dir(), ttlSeconds: 3600 });
    try {
      expect(handle.kind).toBe('files');
      expect(handle.storage).toBeInstanceOf(FileStorage);
      expect(handle.location).toBe(path.join(dir(), 'state'));
    } finally {
      await handle.close();
    }
  });

  it('keeps state in <dataDir>/state.json with lowdb', async () => {
    const handle = await createStorage({ kind: 'lowdb', dataDir: dir(), ttlSeconds: 3600 });
    try {
      expect(handle.storage).toBeInstanceOf(LowdbStorage);
      expect(handle.location).toBe(path.join(dir(), 'state.json'));
    } finally {
      await handle.close();
    }
  });

  it('uses Azure Blob Storage when asked, without contacting it yet', async () => {
    const handle = await createStorage({
      kind: 'blobs',
      dataDir: dir(),
      ttlSeconds: 3600,
      blobs: { connectionString: 'UseDevelopmentStorage=true', container: 'bot-state' },
    });
    expect(handle.storage).toBeInstanceOf(BlobsStorage);
    expect(handle.location).toBe('blob container "bot-state"');
    await handle.close();
  });

  it.each([
    ['no settings', undefined, /BLOB_CONNECTION_STRING is required/],
    ['no connection string', { connectionString: '', container: 'state' }, /BLOB_CONNECTION_STRING is required/],
    ['an invalid container name', { connectionString: 'UseDevelopmentStorage=true', container: 'Bot_State' }, /BLOB_CONTAINER must be a valid container name/],
    ['a too short container name', { connectionString: 'UseDevelopmentStorage=true', container: 'ab' }, /BLOB_CONTAINER/],
  ])('refuses blobs with %s', async (_label, blobs, message) => {
    const attempt = createStorage({ kind: 'blobs', dataDir: dir(), ttlSeconds: 3600, ...(blobs ? { blobs } : {}) });
    await expect(attempt).rejects.toThrow(StorageConfigError);
    await expect(attempt).rejects.toThrow(message);
  });
});
