/** Response headers that keep the pages safe to embed only where intended. */

/** Sent with every response. */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};

function policy(directives: Record<string, readonly string[]>): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ');
}

/** Where the chat page may be framed: the configured origins, or anywhere when none are configured. */
export function frameAncestors(allowedOrigins: readonly string[]): string[] {
  return allowedOrigins.length > 0 ? ["'self'", ...allowedOrigins] : ['*'];
}

/** http(s) and ws(s) forms of the Azure Direct Line origin, when the page must reach it. */
export function directLineSources(endpoint: string | undefined): string[] {
  if (!endpoint) return [];
  const { origin, host, protocol } = new URL(endpoint);
  return [origin, `${protocol === 'http:' ? 'ws' : 'wss'}://${host}`];
}

/**
 * The chat page's policy. Web Chat is served from this origin, but it injects its styles at
 * run time (CSS-in-JS), hence 'unsafe-inline' for styles only; scripts stay 'self'.
 */
export function chatPagePolicy(allowedOrigins: readonly string[], azureDirectLine: string | undefined): string {
  return policy({
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'media-src': ["'self'", 'blob:', 'data:'],
    'connect-src': ["'self'", ...directLineSources(azureDirectLine)],
    'frame-ancestors': frameAncestors(allowedOrigins),
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  });
}

/** The demo site's policy: as strict as a careful host site, to show the widget needs nothing more. */
export function demoPagePolicy(): string {
  return policy({
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'frame-src': ["'self'"],
    'frame-ancestors': ["'self'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
  });
}

export const PAGE_PERMISSIONS = 'camera=(), microphone=(), geolocation=(), payment=()';
