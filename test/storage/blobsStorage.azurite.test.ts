import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TestAdapter, type Storage } from 'botbuilder';
import { createStorage, type StorageHandle } from '../../src/storage/createStorage';
import { isETagConflict } from '../../src/storage/eTagConflict';
import { OptimisticConversationState } from '../../src/storage/optimisticConversationState';

// Azurite's fixed development account (public, documented by Microsoft).
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

let azurite: ChildProcess | undefined;
let location = '';
let handle: StorageHandle;
let storage: Storage;

/** Starts azurite-blob on a free port in a temporary folder; resolves with the port it took. */
function startAzurite(folder: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const bin = path.join(__dirname, '..', '..', 'node_modules', '.bin', 'azurite-blob');
    const child = spawn(bin, ['--blobHost', '127.0.0.1', '--blobPort', '0', '--location', folder, '--silent', '--disableTelemetry', '--skipApiVersionCheck'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    azurite = child;
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = /successfully listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
      if (port) resolve(Number(port));
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`azurite-blob exited with ${code}: ${output}`)));
  });
}

beforeAll(async () => {
  location = await mkdtemp(path.join(os.tmpdir(), 'azurite-'));
  const port = await startAzurite(location);
  const connectionString = `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};BlobEndpoint=http://127.0.0.1:${port}/${ACCOUNT};`;
  handle = await createStorage({ kind: 'blobs', dataDir: location, ttlSeconds: 3600, blobs: { connectionString, container: 'bot-state' } });
  storage = handle.storage;
});

afterAll(async () => {
  await handle?.close();
  if (azurite && azurite.exitCode === null) {
    const exited = new Promise((resolve) => azurite?.once('exit', resolve));
    azurite.kill('SIGTERM');
    await exited;
  }
  await rm(location, { recursive: true, force: true });
});

describe('BlobsStorage against Azurite', () => {
  it('writes, reads and reports a stale eTag as a conflict', async () => {
    await storage.write({ a: { count: 1 } });
    const first = (await storage.read(['a'])).a;
    expect(first).toMatchObject({ count: 1, eTag: expect.any(String) });

    await storage.write({ a: { count: 2, eTag: first.eTag } });
    const stale = storage.write({ a: { count: 3, eTag: first.eTag } });
    expect(isETagConflict(await stale.catch((error: unknown) => error))).toBe(true);
    expect((await storage.read(['a'])).a.count).toBe(2);
  });

  it('turns overlapping saves from two instances into a conflict with OptimisticConversationState', async () => {
    const errors: unknown[] = [];
    // Both turns have read before either writes: the overlap is arranged, not left to timing.
    let arrived = 0;
    let bothRead = (): void => {};
    const barrier = new Promise<void>((resolve) => (bothRead = resolve));
    let overlapping = false;
    const adapters = [0, 1].map(() => {
      const state = new OptimisticConversationState(storage);
      const count = state.createProperty<number>('count');
      const adapter = new TestAdapter(async (context) => {
        const value = await count.get(context, 0);
        if (overlapping && ++arrived === 2) bothRead();
        if (overlapping) await barrier;
        await count.set(context, value + 1);
        await state.saveChanges(context);
      });
      adapter.onTurnError = async (_context, error) => {
        errors.push(error);
      };
      return adapter;
    });

    await adapters[0]!.processActivity('first');
    overlapping = true;
    await Promise.all(adapters.map((adapter) => adapter.processActivity('at once')));

    const key = 'test/conversations/Convo1/';
    expect((await storage.read([key]))[key].count).toBe(2);
    expect(errors).toHaveLength(1);
    expect(isETagConflict(errors[0])).toBe(true);
  });
});
