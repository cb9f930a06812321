/** HTTP load with autocannon: POST /api/messages, expectReplies, varied conversations and questions. */
import { messageActivity } from './activities';

/** The part of autocannon's programmatic API used here (it ships no types). */
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest, context: object) => AutocannonRequest;
}
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
type Autocannon = (options: object) => Promise<AutocannonResult>;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

export interface LoadOptions {
  readonly seconds: number;
  readonly connections: number;
  /** Conversations the requests are spread over, round robin. */
  readonly conversations: number;
  readonly texts: readonly string[];
  /** Keeps the conversations of separate runs apart. */
  readonly prefix: string;
}

export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly requests: number;
  /** Errors, timeouts and non-2xx answers: a run with any is not a fair figure. */
  readonly failures: number;
}

export async function loadTest(baseUrl: string, options: LoadOptions): Promise<LoadResult> {
  let sent = 0;
  const setupRequest = (request: AutocannonRequest): AutocannonRequest => {
    const i = sent++;
    const activity = messageActivity(`${options.prefix}-${i % options.conversations}`, options.texts[i % options.texts.length]!, baseUrl);
    return { ...request, body: JSON.stringify(activity) };
  };
  const result = await autocannon({
    url: baseUrl,
    connections: options.connections,
    duration: options.seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [{ method: 'POST', path: '/api/messages', setupRequest }],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}
