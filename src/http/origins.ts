import type { IncomingMessage } from 'node:http';

/** "https://dealer.example/" → "https://dealer.example"; undefined for anything that is not an http(s) origin. */
export function normaliseOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** The configured embedding origins, normalised; an empty list means "any origin". */
export function allowedOriginList(configured: readonly string[]): string[] {
  return configured.map(normaliseOrigin).filter((origin): origin is string => origin !== undefined);
}

/**
 * May a browser page at `origin` use this server? Same-origin calls and calls without an Origin
 * header (not from a browser page) always may; others only if listed, or if the list is empty.
 */
export function isAllowedOrigin(origin: string | undefined, allowed: readonly string[], selfOrigin: string): boolean {
  if (!origin || origin === selfOrigin || allowed.length === 0) return true;
  return allowed.includes(origin);
}

const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

function firstValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(',')[0]?.trim();
}

/**
 * The server's public base URL as the caller sees it (behind a TLS-terminating proxy such as
 * Azure App Service, X-Forwarded-Proto says https). Used for stream URLs and serviceUrl.
 */
export function publicBaseUrl(req: IncomingMessage): string {
  const forwardedProto = firstValue(req.headers['x-forwarded-proto']);
  const encrypted = 'encrypted' in req.socket && req.socket.encrypted === true;
  const protocol = forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : encrypted ? 'https' : 'http';
  const host = firstValue(req.headers.host);
  if (host && HOST.test(host)) return `${protocol}://${host}`;
  const local = req.socket.localAddress ?? '127.0.0.1';
  return `${protocol}://${local.includes(':') ? `[${local}]` : local}:${req.socket.localPort ?? 80}`;
}
