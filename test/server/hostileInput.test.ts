/**
 * Hostile and malformed requests against the whole bot: each gets a prompt answer with a status
 * and a message that says what was wrong (or, for malformed optional fields, a normal answer), and
 * the bot goes on answering and remembering conversations afterwards.
 */
import type { Activity } from 'botbuilder';
import { startTestApp, type TestApp } from '../support/app';
import { DirectLineVisitor } from '../support/directLine';
import { ask, userMessage } from '../support/http';
import { rawHttp, type RawRequest, type RawResponse } from '../support/rawHttp';

/** Allowed below, and nothing listens there: replies to it cannot be delivered. */
const UNREACHABLE = 'http://127.0.0.1:1';
const MB = 1024 * 1024;
const JSON_TYPE = { 'Content-Type': 'application/json' };

let conversations = 0;

function post(path: string, body: unknown, extra: Partial<RawRequest> = {}): RawRequest {
  return { method: 'POST', path, headers: JSON_TYPE, body: typeof body === 'string' ? body : JSON.stringify(body), ...extra };
}

/** A question to /api/messages, in a conversation of its own, with some fields overridden (undefined removes one). */
function message(overrides: Record<string, unknown>, text = 'Where is the Tonale made?'): RawRequest {
  conversations += 1;
  return post('/api/messages', { ...userMessage(text), channelId: 'webchat', conversation: { id: `hostile-${conversations}` }, ...overrides });
}

function joined(overrides: Record<string, unknown>): RawRequest {
  return message({ type: 'conversationUpdate', text: undefined, ...overrides });
}

/** What a person reading the answer would take from it: the error message, or the bot's words. */
function said(response: RawResponse): string {
  if (response.body === '') return '';
  const body = JSON.parse(response.body) as { error?: string | { code: string; message: string }; activities?: Partial<Activity>[] };
  if (typeof body.error === 'string') return body.error;
  if (body.error) return `${body.error.code}: ${body.error.message}`;
  return (body.activities ?? []).map((activity) => activity.text ?? '').join('\n');
}

const padding = (bytes: number): string => 'x'.repeat(bytes);

describe('hostile and malformed requests', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ env: { ALLOWED_SERVICE_URLS: UNREACHABLE } });
  });
  afterAll(() => app.close());

  const cases: ReadonlyArray<[string, () => RawRequest, number, RegExp, Record<string, RegExp>?]> = [
    ['deliveryMode of the wrong type', () => message({ deliveryMode: 5, serviceUrl: UNREACHABLE }), 400, /^activity "deliveryMode" must be one of normal, notification, expectReplies, ephemeral$/],
    ['an unknown deliveryMode', () => message({ deliveryMode: 'fast' }), 400, /"deliveryMode" must be one of/],
    ['a serviceUrl that cannot be reached, without expectReplies', () => message({ deliveryMode: undefined, serviceUrl: UNREACHABLE }), 200, /^$/],
    ['a serviceUrl the operator did not allow', () => message({ deliveryMode: undefined, serviceUrl: 'http://127.0.0.1:2/internal-admin' }), 403, /"serviceUrl".*ALLOWED_SERVICE_URLS/],
    ['a serviceUrl that is a number', () => message({ serviceUrl: 5 }), 400, /^activity "serviceUrl" must be an http\(s\) URL$/],
    ['no channelId', () => message({ channelId: undefined }), 400, /^activity is missing "channelId"$/],
    ['no recipient', () => message({ recipient: undefined }), 400, /^activity is missing "recipient"$/],
    ['a 1 MB body', () => post('/api/messages', padding(MB)), 413, /^request body is larger than 262144 bytes$/, { connection: /close/ }],
    ['a 1 MB body, chunked', () => post('/api/messages', padding(MB), { chunked: true }), 413, /larger than 262144 bytes/],
    ['a 1 MB body that is not JSON', () => post('/api/messages', padding(MB), { headers: { 'Content-Type': 'text/plain' } }), 415, /application\/json/],
    ['a 1 MB body on Direct Line', () => post('/v3/directline/conversations/any/activities', padding(MB)), 413, /^MessageSizeTooBig: request body is larger than 32768 bytes$/],
    ['a 40 kB activity on Direct Line', () => post('/v3/directline/conversations/any/activities', { type: 'message', text: padding(40 * 1024) }), 413, /MessageSizeTooBig/],
    ['a 40 kB activity on /api/messages', () => message({}, `Where is the Tonale made? ${padding(40 * 1024)}`), 200, /read its first part/],
    ['HEAD /embed.js', () => ({ method: 'HEAD', path: '/embed.js' }), 200, /^$/, { 'content-type': /javascript/, 'content-length': /^[1-9]\d*$/ }],
    ['HEAD /', () => ({ method: 'HEAD', path: '/' }), 200, /^$/, { 'content-type': /text\/html/ }],
    ['HEAD /healthz', () => ({ method: 'HEAD', path: '/healthz' }), 200, /^$/],
    ['entities that are not a list', () => message({ entities: { type: 'mention' } }), 200, /Pomigliano/],
    ['entities that are a string', () => message({ entities: 'mention' }), 200, /Pomigliano/],
    ['entities containing null', () => message({ entities: [null, { type: 'clientCapabilities' }] }), 200, /Pomigliano/],
    ['a mention without "mentioned"', () => message({ entities: [{ type: 'mention', text: '<at>Bot</at>' }] }), 200, /Pomigliano/],
    ['Teams entities containing null', () => message({ channelId: 'msteams', entities: [null] }), 200, /Pomigliano/],
    ['membersAdded containing null', () => joined({ membersAdded: [null, { id: 'visitor' }] }), 200, /^Hi! I answer/],
    ['membersAdded that is not a list', () => joined({ membersAdded: 'visitor' }), 200, /^$/],
    ['membersRemoved containing a member without id', () => joined({ membersRemoved: [{ name: 'x' }] }), 200, /^$/],
  ];

  it.each(cases)('%s: answered with its status and message, and the bot keeps answering', async (_name, request, status, wanted, headers = {}) => {
    const response = await rawHttp(app.url, request());
    expect({ status: response.status, said: said(response) }).toEqual({ status, said: expect.stringMatching(wanted) });
    expect(said(response)).not.toMatch(/something went wrong/);
    for (const [name, value] of Object.entries(headers)) expect(response.headers[name]).toMatch(value);

    const replies = await ask(app.url, 'Who owns Alfa Romeo?', { conversation: { id: `after-${conversations}` } as Activity['conversation'] });
    expect(replies.map((reply) => reply.text).join('\n')).toContain('Stellantis');
  });

  it('keeps a conversation in mind across hostile requests', async () => {
    const conversation = { id: 'remembered' } as Activity['conversation'];
    expect((await ask(app.url, 'Where is the Tonale made?', { conversation })).map((r) => r.text).join('\n')).toContain('Pomigliano');
    for (const [, request] of cases.slice(0, 8)) await rawHttp(app.url, request());
    expect((await ask(app.url, 'And the Giulia?', { conversation })).map((r) => r.text).join('\n')).toContain('Cassino');
  });

  it('a Direct Line visitor who sends malformed entities still gets the answer', async () => {
    const visitor = await DirectLineVisitor.arrive(app.url);
    const sent = await visitor.say('Where is the Tonale made?', { entities: [null, { type: 'mention' }, 'x'] });
    expect(sent.status).toBe(200);
    const answer = await visitor.waitFor((activity) => activity.from?.role === 'bot' && /Pomigliano|went wrong/.test(activity.text ?? ''));
    expect(answer.text).toContain('Pomigliano');
  });
});
