import type { Activity } from 'botbuilder';
import { StreamClient } from './webSocketClient';

/** A minimal Direct Line 3.0 client over fetch, the way Web Chat uses the protocol (polling). */

export interface Reply<T = unknown> {
  readonly status: number;
  readonly body: T;
}

export interface ChatTokenBody {
  readonly token: string;
  readonly conversationId: string;
  readonly userId?: string;
  readonly expires_in: number;
  readonly domain: string;
  readonly webSocket: boolean;
}

export interface ActivitySetBody {
  readonly activities: Partial<Activity>[];
  readonly watermark: string;
}

export async function call<T = unknown>(url: string, init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['Content-Type'] ??= 'application/json';
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** One visitor: a token from the bot server, then the conversation it opens. */
export class DirectLineVisitor {
  private watermark = '';
  readonly seen: Partial<Activity>[] = [];

  private constructor(
    readonly baseUrl: string,
    readonly domain: string,
    public token: string,
    readonly conversationId: string,
  ) {}

  static async arrive(baseUrl: string): Promise<DirectLineVisitor> {
    const issued = await call<ChatTokenBody>(`${baseUrl}/api/directline/token`, { method: 'POST' });
    if (issued.status !== 200) throw new Error(`token endpoint answered ${issued.status}`);
    const visitor = new DirectLineVisitor(baseUrl, issued.body.domain, issued.body.token, issued.body.conversationId);
    const started = await call(`${visitor.domain}/conversations`, { method: 'POST', token: visitor.token, body: { locale: 'en-US' } });
    if (started.status !== 201) throw new Error(`starting the conversation answered ${started.status}`);
    return visitor;
  }

  say(text: string, extra: Record<string, unknown> = {}): Promise<Reply<{ id: string }>> {
    return call(`${this.domain}/conversations/${this.conversationId}/activities`, {
      method: 'POST',
      token: this.token,
      body: { type: 'message', text, from: { id: 'whoever' }, channelData: { clientActivityID: `client-${text}` }, ...extra },
    });
  }

  /** Opens the conversation's WebSocket stream, as Web Chat does (POST /conversations, then its streamUrl). */
  async stream(): Promise<StreamClient> {
    const { body } = await call<{ streamUrl: string }>(`${this.domain}/conversations`, { method: 'POST', token: this.token });
    const stream = await StreamClient.open(body.streamUrl);
    if (typeof stream === 'number') throw new Error(`stream refused with ${stream}`);
    return stream;
  }

  /** Fetches what is new since the last poll and remembers it. */
  async poll(): Promise<Partial<Activity>[]> {
    const reply = await call<ActivitySetBody>(`${this.domain}/conversations/${this.conversationId}/activities?watermark=${this.watermark}`, { token: this.token });
    if (reply.status !== 200) throw new Error(`polling answered ${reply.status}`);
    this.watermark = reply.body.watermark;
    this.seen.push(...reply.body.activities);
    return reply.body.activities;
  }

  /** Polls until an activity matching the predicate has arrived (the test's timeout bounds the wait). */
  async waitFor(predicate: (activity: Partial<Activity>) => boolean): Promise<Partial<Activity>> {
    for (;;) {
      const found = this.seen.find(predicate);
      if (found) return found;
      await this.poll();
      if (!this.seen.some(predicate)) await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  botTexts(): string[] {
    return this.seen.filter((activity) => activity.from?.role === 'bot').map((activity) => activity.text ?? '');
  }
}
