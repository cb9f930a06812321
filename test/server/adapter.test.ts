import type { TurnContext } from 'botbuilder';
import { createAdapter } from '../../src/adapter';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { userMessage } from '../support/http';

describe('the adapter', () => {
  const adapter = createAdapter(loadConfig({ LOG_LEVEL: 'silent' }), silentLogger);

  /** Runs a turn and returns the clients botbuilder put in its turn state. */
  async function clientsOfTurn(serviceUrl: string): Promise<{ connector: unknown; userToken: unknown }> {
    let seen: { connector: unknown; userToken: unknown } | undefined;
    await adapter.runLocalTurn({ ...userMessage('hi'), serviceUrl }, async (context: TurnContext) => {
      seen = { connector: context.turnState.get(adapter.ConnectorClientKey), userToken: context.turnState.get(adapter.UserTokenClientKey) };
    });
    return seen!;
  }

  it('gives every turn a connector client and a user-token client', async () => {
    const clients = await clientsOfTurn('http://127.0.0.1:1');
    expect(clients.connector).toBeDefined();
    expect(clients.userToken).toBeDefined();
  });

  it('reuses them from turn to turn, with a connector client per service URL', async () => {
    const first = await clientsOfTurn('http://127.0.0.1:1');
    const again = await clientsOfTurn('http://127.0.0.1:1');
    const elsewhere = await clientsOfTurn('http://127.0.0.1:2');
    expect(again.connector).toBe(first.connector);
    expect(again.userToken).toBe(first.userToken);
    expect(elsewhere.connector).not.toBe(first.connector);
  });
});
