/** Bot servers in child processes: started, timed to their first answer, measured, stopped. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import readline from 'node:readline';
import type { Activity } from 'botbuilder';
import { answered, messageActivity } from './activities';
import { appNodeFlags } from './env';
import { msSince, now } from './stats';

export interface ServerChild {
  readonly url: string;
  /** Process start to the first answered message, ms. */
  readonly firstAnswerMs: number;
  /** Resident memory right after the first answer, MB. */
  readonly startupRssMB: number | undefined;
  /** The app found its knowledge build stale and rebuilt it while starting (the time then includes a build). */
  readonly rebuilt: boolean;
  rssMB(): number | undefined;
  stop(): Promise<void>;
}

/** Resident memory of a process from /proc (Linux), in MB. */
export function rssOf(pid: number | undefined): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** POSTs JSON with node:http (fetch would load undici on first use and bias the first timing). */
export function postJson(url: string, body: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const request = http.request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.on('error', reject);
    request.end(payload);
  });
}

/** Asks one question over /api/messages (expectReplies) and says whether it was answered. */
export async function ask(baseUrl: string, conversationId: string, text: string): Promise<boolean> {
  const response = await postJson(`${baseUrl}/api/messages`, messageActivity(conversationId, text, baseUrl));
  if (response.status !== 200) return false;
  const replies = (JSON.parse(response.body) as { activities?: Partial<Activity>[] }).activities ?? [];
  return answered(replies);
}

interface Listening {
  readonly url: string;
  readonly rebuilt: boolean;
}

/** Resolves with the child's "bot listening" log entry (JSON lines on stderr). */
function listening(child: ChildProcess, timeoutMs: number): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stderr! });
    const tail: string[] = [];
    const timer = setTimeout(() => fail(new Error(`no "bot listening" within ${timeoutMs} ms`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(new Error(`${error.message}\n${tail.join('\n')}`));
    };
    lines.on('line', (line) => {
      tail.push(line);
      if (tail.length > 20) tail.shift();
      try {
        const entry = JSON.parse(line) as { message?: string; url?: string; rebuilt?: boolean };
        if (entry.message === 'bot listening' && entry.url) {
          clearTimeout(timer);
          resolve({ url: entry.url, rebuilt: entry.rebuilt === true });
        }
      } catch {
        // Not a log line (a deprecation warning, say).
      }
    });
    child.once('exit', (code) => fail(new Error(`exited with code ${code} before listening`)));
  });
}

/** Starts `node …args` (with the app's Node options) with the environment given and waits until it has answered `question`. */
export async function startServerChild(args: readonly string[], env: Record<string, string>, question: string): Promise<ServerChild> {
  const script = args.join(' ');
  const start = now();
  const child = spawn(process.execPath, [...appNodeFlags(), ...args], { env: { ...env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const { url, rebuilt } = await listening(child, 30_000);
    if (!(await ask(url, 'startup', question))) throw new Error(`${script}: the first question was not answered`);
    const firstAnswerMs = msSince(start);
    return {
      url,
      firstAnswerMs,
      startupRssMB: rssOf(child.pid),
      rebuilt,
      rssMB: () => rssOf(child.pid),
      async stop() {
        child.kill('SIGTERM');
        await exited;
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}
