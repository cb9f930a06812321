import type { Server, ServerResponse } from 'node:http';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** After the last request, how long to keep connections open for one already on its way. */
const SETTLE_MS = 100;
const POLL_MS = 20;

/**
 * A graceful stop for an HTTP server: stop accepting connections, answer every request already
 * received, and only then close the connections. Node's own server.close() also closes idle
 * keep-alive connections at once, which resets a request a client has just sent on one; here such
 * a request is answered instead (503, "Connection: close").
 */
export class RequestDrain {
  private readonly inFlight = new Set<ServerResponse>();
  private draining = false;
  private lastArrival = 0;

  constructor(private readonly server: Server) {}

  /** Counts a request in; when stopping, answers it 503 instead and returns false. */
  admit(res: ServerResponse): boolean {
    this.lastArrival = performance.now();
    if (this.draining) {
      res.writeHead(503, { 'Content-Type': 'application/json', Connection: 'close', 'Retry-After': '1' });
      res.end('{"error":"the server is restarting; try again shortly"}');
      return false;
    }
    this.inFlight.add(res);
    res.once('close', () => this.inFlight.delete(res));
    return true;
  }

  get stopping(): boolean {
    return this.draining;
  }

  /** Stops accepting and waits (at most graceMs) for the requests in flight; resolves with how many did not finish. */
  async drain(graceMs: number): Promise<number> {
    this.draining = true;
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    // net.Server's close stops the listener only; http.Server's would also drop idle keep-alive connections.
    if (this.server.listening) net.Server.prototype.close.call(this.server);
    const deadline = performance.now() + graceMs;
    while (performance.now() < deadline) {
      if (this.inFlight.size === 0 && performance.now() - this.lastArrival >= SETTLE_MS) break;
      await sleep(POLL_MS);
    }
    return this.inFlight.size;
  }
}
