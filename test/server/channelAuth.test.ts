/**
 * Bot Framework tokens on /api/messages with an app id configured. The signing keys are served
 * by a local stand-in for the Bot Framework's OpenID endpoint, so a real token can be told from
 * forged ones; when the keys cannot be fetched, requests get 503 and the log says so once.
 */
import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../src/log';
import { ECHO_PREFIX } from '../support/echoBot';
import { postToMessages, startTestServer, userMessage, type TestServer } from '../support/http';

const APP_ID = 'test-app-id';
const ISSUER = 'https://api.botframework.com';
const SERVICE_URL = 'https://channel.example/';
const KEY_ID = 'published-key';

const published = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

function claims(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { iss: ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, nbf: nowSeconds() - 60, exp: nowSeconds() + 3600, ...extra };
}

function rs256(key: KeyObject, header: Record<string, unknown>, payload: Record<string, unknown>): string {
  const signed = `${base64url({ alg: 'RS256', typ: 'JWT', ...header })}.${base64url(payload)}`;
  return `${signed}.${createSign('RSA-SHA256').update(signed).sign(key).toString('base64url')}`;
}

function hs256(secret: string, payload: Record<string, unknown>): string {
  const signed = `${base64url({ alg: 'HS256', typ: 'JWT', kid: KEY_ID })}.${base64url(payload)}`;
  return `${signed}.${createHmac('sha256', secret).update(signed).digest('base64url')}`;
}

const genuine = (payload: Record<string, unknown> = claims()): string => rs256(published.privateKey, { kid: KEY_ID }, payload);

/** The Bot Framework's OpenID metadata and signing keys, served locally. */
async function startKeyServer(): Promise<{ metadataUrl: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('Content-Type', 'application/json');
    const jwk = published.publicKey.export({ format: 'jwk' });
    res.end(JSON.stringify(req.url === '/openid' ? { issuer: ISSUER, jwks_uri: `${base}/keys` } : { keys: [{ ...jwk, kid: KEY_ID, use: 'sig' }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    metadataUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/openid`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * botbuilder's public-cloud settings with the OpenID metadata somewhere else: once one of them is
 * set, botbuilder expects them all (a "custom cloud").
 */
function publicCloudWith(metadataUrl: string): Record<string, string> {
  return {
    ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
    ToBotFromChannelTokenIssuer: ISSUER,
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    CallerId: 'urn:botframework:azure',
  };
}

function startBot(metadataUrl: string, extra: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  return startTestServer({
    env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'test-secret' },
    adapter: { botFrameworkSettings: publicCloudWith(metadataUrl), ...extra.adapter },
    ...(extra.logger ? { logger: extra.logger } : {}),
  });
}

function question(text: string): Partial<ReturnType<typeof userMessage>> {
  return userMessage(text, { channelId: 'msteams', serviceUrl: SERVICE_URL });
}

describe('Bot Framework tokens, with the signing keys at hand', () => {
  let keys: Awaited<ReturnType<typeof startKeyServer>>;
  let server: TestServer;

  beforeAll(async () => {
    keys = await startKeyServer();
    server = await startBot(keys.metadataUrl);
  });
  afterAll(async () => {
    await server.close();
    await keys.close();
  });

  const refused: ReadonlyArray<[string, () => string | undefined, RegExp]> = [
    ['no Authorization header', () => undefined, /a Bearer token is required/],
    ['another scheme', () => `Basic ${Buffer.from('a:b').toString('base64')}`, /a Bearer token is required/],
    ['a token that is not a JWT', () => 'Bearer not-a-jwt', /not a signed JWT/],
    ['alg none', () => `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims())}.`, /not a signed JWT/],
    ['alg none with a signature', () => `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims())}.c2ln`, /signing algorithm is not accepted/],
    ['HS256 with a made-up key', () => `Bearer ${hs256('made-up', claims())}`, /signing algorithm is not accepted/],
    ['a jku pointing elsewhere', () => `Bearer ${rs256(stranger.privateKey, { kid: 'x', jku: 'https://attacker.example/keys' }, claims())}`, /names its own signing key/],
    ['an expired token', () => `Bearer ${genuine(claims({ exp: nowSeconds() - 3600, nbf: nowSeconds() - 7200 }))}`, /has expired/],
    ['a token not valid yet', () => `Bearer ${genuine(claims({ nbf: nowSeconds() + 3600 }))}`, /not valid yet/],
    ['a self-signed RS256 token', () => `Bearer ${rs256(stranger.privateKey, { kid: 'self-made' }, claims())}`, /not valid for this bot/],
    ['a genuine token for another bot', () => `Bearer ${genuine(claims({ aud: 'another-app' }))}`, /not valid for this bot/],
    ['a genuine token for another serviceUrl', () => `Bearer ${genuine(claims({ serviceurl: 'https://elsewhere.example/' }))}`, /not valid for this bot/],
  ];

  it.each(refused)('refuses %s with a 401 and a short reason', async (_name, authorization, reason) => {
    const header = authorization();
    const response = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(header ? { Authorization: header } : {}) },
      body: JSON.stringify(question('hi')),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    const body = (await response.json()) as { error: string };
    expect(body.error).toMatch(reason);
    expect(body.error.length).toBeLessThan(80);
  });

  it('refuses a token signed with another key under the published key id', async () => {
    // botbuilder prints the failed verification itself.
    const printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const forged = rs256(stranger.privateKey, { kid: KEY_ID }, claims());
      const response = await postToMessages(server.url, question('hi'), { 'Content-Type': 'application/json', Authorization: `Bearer ${forged}` });
      expect(response).toEqual({ status: 401, body: { error: expect.stringMatching(/not valid for this bot/) } });
    } finally {
      printed.mockRestore();
    }
  });

  it('answers a genuine token: the refusals are about the tokens', async () => {
    const response = await postToMessages(server.url, question('still there?'), { 'Content-Type': 'application/json', Authorization: `Bearer ${genuine()}` });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ activities: [expect.objectContaining({ text: `${ECHO_PREFIX}still there?` })] });
  });
});

describe('Bot Framework tokens, when the signing keys cannot be fetched', () => {
  it('answers 503, refuses forged tokens all the same, and logs the outage once', async () => {
    const lines: string[] = [];
    // Nothing listens on port 1: the keys cannot be fetched, as on a machine without network.
    const server = await startBot('http://127.0.0.1:1/openid', { logger: createLogger('info', (line) => lines.push(line)) });
    try {
      const send = (token: string) => fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(question('hi')) });
      for (let i = 0; i < 3; i++) {
        const response = await send(genuine());
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(((await response.json()) as { error: string }).error).toMatch(/cannot check Bot Framework tokens/);
      }
      expect((await send(hs256('made-up', claims()))).status).toBe(401);
      const outage = lines.map((line) => JSON.parse(line) as { level: string; message: string }).filter((entry) => /signing keys/.test(entry.message));
      expect(outage).toEqual([expect.objectContaining({ level: 'error', message: expect.stringMatching(/cannot be fetched/) })]);
    } finally {
      await server.close();
    }
  });

  it('answers 503 when fetching the keys does not finish', async () => {
    const silent = http.createServer(() => undefined); // accepts, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const server = await startBot(`http://127.0.0.1:${(silent.address() as AddressInfo).port}/openid`, { adapter: { authTimeoutMs: 200 } });
    try {
      const response = await postToMessages(server.url, question('hi'), { 'Content-Type': 'application/json', Authorization: `Bearer ${genuine()}` });
      expect(response.status).toBe(503);
    } finally {
      await server.close();
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
