import { BotClient, traceOf, visibleText } from '../../scripts/lib/botClient';
import { createStorage } from '../../src/storage';
import { startTestApp } from '../support/app';

describe('conversation state that survives concurrency and restarts', () => {
  test('concurrent turns of one conversation lose no update', async () => {
    const app = await startTestApp();
    try {
      const client = new BotClient(app.url, 'webchat');
      const questions = ['Who owns Alfa Romeo?', 'Where is the Tonale made?', 'When was Alfa Romeo founded?', 'Who is the CEO of Alfa Romeo?', 'Where is Alfa Romeo made?'];
      const turns = await Promise.all(Array.from({ length: 20 }, (_, i) => client.send('busy-1', questions[i % questions.length]!)));
      expect(turns.every((t) => t.status === 200 && visibleText(t).length > 0)).toBe(true);
      await app.close();
      // Every turn counted the question in the user's profile: a lost update would show as fewer.
      const state = await createStorage({ dataDir: app.dataDir, ttlSeconds: 3600 });
      const key = 'webchat/users/user-busy-1/';
      const { [key]: user } = await state.storage.read([key]);
      await state.close();
      expect(user).toMatchObject({ profile: { questions: 20 } });
    } finally {
      await app.close();
    }
  });

  test('a restarted server continues the conversation where it was', async () => {
    const first = await startTestApp();
    const client = () => new BotClient(current.url, 'emulator');
    let current = first;
    expect(visibleText(await client().send('restart-1', 'Where is the Tonale made?'))).toContain('Pomigliano');
    expect(traceOf(await client().send('restart-2', 'Where is it made?'))?.kind).toBe('clarify');
    await first.close();

    current = await startTestApp({ dataDir: first.dataDir });
    try {
      expect(visibleText(await client().send('restart-1', 'And the Giulia?'))).toContain('Cassino');
      // A question asked back before the restart is still open after it.
      expect(visibleText(await client().send('restart-2', 'the Stelvio'))).toContain('Cassino');
    } finally {
      await current.close();
    }
  });
});
