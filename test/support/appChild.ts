/**
 * The whole app in a child process, as `npm start` runs it, to be stopped with a signal or killed;
 * and a steady HTTP load on it that records what became of every request.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { PRODUCT_KNOWLEDGE, testBuildDir } from './knowledge';

export interface AppChild {
  readonly url: string;
  readonly dataDir: string;
  readonly process: ChildProcess;
  /** The child's log, one parsed JSON line per entry. */
  readonly log: Record<string, unknown>[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const APP_PROCESS = path.join(__dirname, 'appProcess.js');

export async function startAppChild(env: Record<string, string> = {}, dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-child-'))): Promise<AppChild> {
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', APP_PROCESS], {
    env: {
      PATH: process.env.PATH ?? '',
      DOTENV_CONFIG_QUIET: 'true',
      PORT: '0',
      LOG_LEVEL: 'info',
      DATA_DIR: dataDir,
      KNOWLEDGE_DIR: PRODUCT_KNOWLEDGE,
      KNOWLEDGE_BUILD_DIR: testBuildDir(PRODUCT_KNOWLEDGE),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const log: Record<string, unknown>[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stderr! });
    lines.on('line', (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        log.push(entry);
        if (entry.message === 'bot listening') resolve(String(entry.url));
      } catch {
        log.push({ text: line });
      }
    });
    void exited.then(() => reject(new Error(`the app exited before listening: ${JSON.stringify(log.slice(-5))}`)));
  });
  return { url, dataDir, process: child, log, exited };
}

/** A question on /api/messages with expectReplies, in its own conversation (channel "test"). */
function questionBody(conversationId: string, text: string): string {
  return JSON.stringify({
    type: 'message',
    text,
    channelId: 'test',
    deliveryMode: 'expectReplies',
    serviceUrl: 'http://localhost',
    from: { id: `user-${conversationId}`, role: 'user' },
    recipient: { id: 'bot', role: 'bot' },
    conversation: { id: conversationId },
  });
}

export interface LoadRecord {
  /** Conversations whose question was answered (HTTP 200 with a reply), in order, with when (performance.now()). */
  readonly answered: { readonly id: string; readonly at: number }[];
  readonly statuses: Map<number, number>;
  /** Network errors by code (ECONNREFUSED after the listener closed is fine; ECONNRESET is not). */
  readonly errors: Map<string, number>;
}

export interface Load {
  readonly record: LoadRecord;
  /** Stops sending and resolves once every connection's last request has settled. */
  stop(): Promise<LoadRecord>;
}

/** A question in a new conversation per request, from `connections` keep-alive connections, until stopped. */
export function startLoad(url: string, connections: number, question = 'Who owns Alfa Romeo?'): Load {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const record: LoadRecord = { answered: [], statuses: new Map(), errors: new Map() };
  let running = true;
  let sequence = 0;
  const count = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);

  const once = (conversationId: string): Promise<void> =>
    new Promise((resolve) => {
      const body = questionBody(conversationId, question);
      const request = http.request(`${url}/api/messages`, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          count(record.statuses, response.statusCode ?? 0);
          if (response.statusCode === 200 && text.includes('"activities"')) record.answered.push({ id: conversationId, at: performance.now() });
          resolve();
        });
        response.on('error', (error: NodeJS.ErrnoException) => {
          count(record.errors, error.code ?? error.message);
          resolve();
        });
      });
      request.on('error', (error: NodeJS.ErrnoException) => {
        count(record.errors, error.code ?? error.message);
        resolve();
      });
      request.end(body);
    });

  const loop = async (): Promise<void> => {
    while (running) {
      sequence += 1;
      await once(`load-${sequence}`);
      if (record.errors.get('ECONNREFUSED')) return; // the listener is gone: stop this connection
    }
  };
  const loops = Array.from({ length: connections }, loop);
  return {
    record,
    async stop() {
      running = false;
      await Promise.all(loops);
      agent.destroy();
      return record;
    },
  };
}

/** Sends a request's headers and half its body now; the returned function sends the rest and resolves with the answer. */
export function halfSentQuestion(url: string, conversationId: string): () => Promise<{ status: number; body: string } | { error: string }> {
  const body = questionBody(conversationId, 'Who owns Alfa Romeo?');
  const half = Math.floor(body.length / 2);
  let settle: (result: { status: number; body: string } | { error: string }) => void = () => undefined;
  const result = new Promise<{ status: number; body: string } | { error: string }>((resolve) => (settle = resolve));
  const request = http.request(`${url}/api/messages`, { method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (response) => {
    let text = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => (text += chunk));
    response.on('end', () => settle({ status: response.statusCode ?? 0, body: text }));
  });
  request.on('error', (error: NodeJS.ErrnoException) => settle({ error: error.code ?? error.message }));
  request.write(body.slice(0, half));
  return () => {
    request.end(body.slice(half));
    return result;
  };
}
