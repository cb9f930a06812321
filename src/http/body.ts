import type { IncomingMessage } from 'node:http';

/** The outcome of reading a JSON request body: the parsed value, or the HTTP error to answer with. */
export type JsonBody =
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'rejected'; readonly status: 400 | 413 | 415; readonly message: string };

/** application/json, optionally with parameters (charset) — also the +json structured suffix. */
const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;

export function isJsonContentType(header: string | undefined): boolean {
  return header !== undefined && JSON_TYPE.test(header.trim());
}

/**
 * Reads and parses a JSON body with a hard size limit. The limit is enforced while streaming,
 * so a client cannot make the server buffer more than `maxBytes` whatever Content-Length says.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<JsonBody> {
  if (!isJsonContentType(req.headers['content-type'])) {
    drain(req);
    return { kind: 'rejected', status: 415, message: 'Content-Type must be application/json' };
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    drain(req);
    return tooLarge(maxBytes);
  }
  const text = await readText(req, maxBytes);
  if (text === undefined) return tooLarge(maxBytes);
  if (text.trim() === '') return { kind: 'rejected', status: 400, message: 'request body is empty' };
  try {
    return { kind: 'json', value: JSON.parse(text) };
  } catch {
    return { kind: 'rejected', status: 400, message: 'request body is not valid JSON' };
  }
}

function tooLarge(maxBytes: number): JsonBody {
  return { kind: 'rejected', status: 413, message: `request body is larger than ${maxBytes} bytes` };
}

/** Resolves with the body as text, or undefined once it grows past maxBytes (the rest is discarded). */
function readText(req: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let overflow = false;
    req.on('data', (chunk: Buffer) => {
      if (overflow) return;
      size += chunk.length;
      if (size > maxBytes) {
        overflow = true;
        chunks.length = 0;
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!overflow) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

/**
 * Lets an unread body flow to nowhere, so the client receives the error response instead of a
 * reset connection while it is still uploading.
 */
function drain(req: IncomingMessage): void {
  req.on('error', () => undefined);
  req.resume();
}
