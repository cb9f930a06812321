import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { call } from '../support/directLine';
import { startTestServer, type TestServer } from '../support/http';
import { StreamClient } from '../support/webSocketClient';

describe('web pages', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it.each(['/', '/chat'])('%s serves the chat page with a policy that lets Web Chat run', async (path) => {
    const response = await fetch(`${server.url}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain('frame-ancestors *');
    expect(policy).not.toContain('unsafe-eval');
    const html = await response.text();
    expect(html).toContain('<script src="/webchat.js"');
    expect(html).not.toMatch(/https?:\/\//); // no CDN, no external fonts
  });

  it('/demo serves the dealer page with the one-line widget', async () => {
    const response = await fetch(`${server.url}/demo`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("style-src 'self'");
    expect(await response.text()).toMatch(/<script src="\/embed\.js"[^>]*data-title=/);
  });

  it('/embed.js is JavaScript that other sites may load', async () => {
    const response = await fetch(`${server.url}/embed.js`);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(response.headers.get('cache-control')).toMatch(/max-age=\d+/);
  });

  it('/webchat.js serves the Web Chat bundle compressed, cached and revalidated by ETag', async () => {
    const response = await fetch(`${server.url}/webchat.js`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('cache-control')).toBe('public, max-age=86400');
    const bundle = await response.text(); // fetch decompresses
    expect(bundle).toContain('WebChat');
    const etag = response.headers.get('etag') ?? '';
    const again = await fetch(`${server.url}/webchat.js`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });

  it('answers unknown paths with 404 and never sniffable content', async () => {
    const response = await fetch(`${server.url}/nothing-here`);
    expect(response.status).toBe(404);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('allowed embedding origins', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ env: { ALLOWED_ORIGINS: 'https://dealer.example/, https://www.dealer.example' } });
  });
  afterAll(() => server.close());

  it('lets only the listed sites frame the chat page', async () => {
    const response = await fetch(`${server.url}/chat`);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'self' https://dealer.example https://www.dealer.example");
  });

  it('gives tokens to pages on listed origins, with CORS headers', async () => {
    const reply = await fetch(`${server.url}/api/directline/token`, { method: 'POST', headers: { Origin: 'https://dealer.example' } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('access-control-allow-origin')).toBe('https://dealer.example');
    const preflight = await fetch(`${server.url}/api/directline/token`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://dealer.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
  });

  it('answers the preflight of the Direct Line routes for listed origins', async () => {
    const preflight = await fetch(`${server.url}/v3/directline/conversations`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://www.dealer.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://www.dealer.example');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
  });

  it('gives tokens to its own pages', async () => {
    const reply = await fetch(`${server.url}/api/directline/token`, { method: 'POST', headers: { Origin: server.url } });
    expect(reply.status).toBe(200);
  });

  it('refuses tokens and streams to pages elsewhere', async () => {
    const reply = await fetch(`${server.url}/api/directline/token`, { method: 'POST', headers: { Origin: 'https://elsewhere.example' } });
    expect(reply.status).toBe(403);
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
    const { body } = await call<{ token: string; conversationId: string }>(`${server.url}/api/directline/token`, { method: 'POST' });
    const stream = await StreamClient.open(`${server.url}/v3/directline/conversations/${body.conversationId}/stream?t=${body.token}`, {
      Origin: 'https://elsewhere.example',
    });
    expect(stream).toBe(403);
  });
});

describe('Direct Line through Azure (DIRECT_LINE_SECRET set)', () => {
  const SECRET = 'the-direct-line-secret';
  let azure: http.Server;
  let azureUrl: string;
  let server: TestServer;
  const seen: Array<{ path: string; authorization: string | undefined; body: string }> = [];
  let answer = { status: 200, body: { conversationId: 'azure-conversation', token: 'azure-token', expires_in: 1800 } as object };

  beforeAll(async () => {
    // A stand-in for the Direct Line service's token endpoint.
    azure = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({ path: req.url ?? '', authorization: req.headers.authorization, body });
        res.writeHead(answer.status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => azure.listen(0, '127.0.0.1', resolve));
    azureUrl = `http://127.0.0.1:${(azure.address() as AddressInfo).port}/v3/directline`;
    server = await startTestServer({ env: { DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_ENDPOINT: azureUrl } });
  });
  afterAll(async () => {
    await server.close();
    await new Promise((resolve) => azure.close(resolve));
  });

  it('exchanges the secret for a token; the page gets the token, never the secret', async () => {
    const reply = await fetch(`${server.url}/api/directline/token`, { method: 'POST' });
    const text = await reply.text();
    expect(reply.status).toBe(200);
    expect(text).not.toContain(SECRET);
    expect(JSON.parse(text)).toEqual({ token: 'azure-token', conversationId: 'azure-conversation', expires_in: 1800, domain: azureUrl, webSocket: true });
    expect(seen.at(-1)).toMatchObject({ path: '/v3/directline/tokens/generate', authorization: `Bearer ${SECRET}` });
    expect(JSON.parse(seen.at(-1)?.body ?? '{}')).toEqual({ user: { id: expect.stringMatching(/^dl_/) } });
  });

  it('answers 502 when the Direct Line service refuses', async () => {
    answer = { status: 403, body: { error: { code: 'Forbidden' } } };
    const reply = await fetch(`${server.url}/api/directline/token`, { method: 'POST' });
    expect(reply.status).toBe(502);
  });

  it('lets the chat page reach the Direct Line service and keeps the built-in one off', async () => {
    const page = await fetch(`${server.url}/chat`);
    expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' http://127.0.0.1:${new URL(azureUrl).port} ws://127.0.0.1:`);
    const local = await fetch(`${server.url}/v3/directline/conversations`, { method: 'POST' });
    expect(local.status).toBe(404);
  });
});
