/**
 * Putting a fetch handler on a TCP port with @hono/node-server, and taking it off again
 * gracefully: stop accepting, let requests in flight finish, then close what is left.
 */
import type { AddressInfo } from 'node:net';
import { createAdaptorServer, type HttpBindings } from '@hono/node-server';

/** A listening HTTP server. */
export interface Listening {
  /** The port actually bound (useful when asked for port 0). */
  readonly port: number;
  /** Stops accepting connections and resolves once open ones are closed (forced after `graceMs`). */
  close(graceMs?: number): Promise<void>;
}

/**
 * Listens on `host:port` (port 0 picks a free port).
 *
 * @example
 * const { port, close } = await listen((request, env) => app.fetch(request, env), 'localhost', 8080);
 */
export async function listen(
  fetch: (request: Request, env: HttpBindings) => Response | Promise<Response>,
  host: string,
  port: number,
): Promise<Listening> {
  // createAdaptorServer without options makes a node:http server, whose bindings are HttpBindings.
  const server = createAdaptorServer({ fetch: (request, env) => fetch(request, env as HttpBindings) });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    port: address.port,
    close: (graceMs = 5000) =>
      new Promise<void>((resolve, reject) => {
        const force = setTimeout(() => {
          if ('closeAllConnections' in server) server.closeAllConnections();
        }, graceMs);
        force.unref();
        server.close((error) => {
          clearTimeout(force);
          if (error) reject(error);
          else resolve();
        });
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      }),
  };
}
