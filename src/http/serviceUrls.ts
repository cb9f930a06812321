/**
 * Which serviceUrls the bot may post replies to when Bot Framework authentication is off. Without a
 * JWT nothing vouches for an activity's serviceUrl, so an unchecked one would let anyone make the
 * server POST to any address it can reach (loopback admin ports, cloud metadata endpoints...).
 */

/** One entry of ALLOWED_SERVICE_URLS: an origin, or a URL prefix; the port may be `*`. */
export interface ServiceUrlRule {
  readonly protocol: string;
  readonly hostname: string;
  /** `*` for any port; otherwise as URL.port has it ('' for the scheme's default). */
  readonly port: string;
  /** Path prefix without a trailing slash ('' for a whole origin). */
  readonly path: string;
}

const ANY_PORT = /^(https?:\/\/[^/?#]+):\*(?=$|\/)/i;

/** Parses an entry such as `https://smba.trafficmanager.net/teams/` or `http://localhost:*`; undefined if it is not one. */
export function serviceUrlRule(entry: string): ServiceUrlRule | undefined {
  const anyPort = ANY_PORT.test(entry);
  let url: URL;
  try {
    url = new URL(anyPort ? entry.replace(ANY_PORT, '$1') : entry);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password || url.search || url.hash) return undefined;
  return { protocol: url.protocol, hostname: url.hostname, port: anyPort ? '*' : url.port, path: url.pathname.replace(/\/+$/, '') };
}

/** The allowed serviceUrls, compiled once from the configured entries. */
export class ServiceUrlPolicy {
  private readonly rules: readonly ServiceUrlRule[];

  constructor(entries: readonly string[]) {
    this.rules = entries.map(serviceUrlRule).filter((rule): rule is ServiceUrlRule => rule !== undefined);
  }

  permits(serviceUrl: string): boolean {
    let url: URL;
    try {
      url = new URL(serviceUrl);
    } catch {
      return false;
    }
    // Compared as parsed URLs, so `http://allowed@evil/` or a differently spelt host cannot slip through.
    return this.rules.some(
      (rule) =>
        rule.protocol === url.protocol &&
        rule.hostname === url.hostname &&
        (rule.port === '*' || rule.port === url.port) &&
        (rule.path === '' || url.pathname === rule.path || url.pathname.startsWith(`${rule.path}/`)),
    );
  }
}
