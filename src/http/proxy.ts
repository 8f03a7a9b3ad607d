// Owns the runner's outbound proxy: which proxy, if any, a request to a URL goes through (HTTPS_PROXY,
// HTTP_PROXY and NO_PROXY, lower or upper case, as the runner documents them), and the agent that tunnels
// HTTPS through a proxy with CONNECT. Node's own support (`proxyEnv`, NODE_USE_ENV_PROXY) needs Node 24.5 or
// newer, while engines allow 20 and a runner's node24 may be older; this is the same few rules on every Node.
// Must never: send a request's own headers (the token above all) to the proxy outside the tunnel or the
// forwarded request, or proxy a host NO_PROXY lists.
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';

/** The host (an IPv6 address without its brackets) and port a URL connects to. */
export function endpointOf(url: URL): { host: string; port: number } {
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
  };
}

/** node:https for an https: URL, node:http otherwise. */
export function clientFor(url: URL): typeof http | typeof https {
  return url.protocol === 'https:' ? https : http;
}

/** The proxy a request to `target` goes through, or undefined to connect directly. */
export function proxyFor(target: URL, env: NodeJS.ProcessEnv = process.env): URL | undefined {
  // Lower case first, as curl and Node read them; the runner documents both spellings.
  const setting =
    target.protocol === 'https:'
      ? (env.https_proxy ?? env.HTTPS_PROXY)
      : target.protocol === 'http:'
        ? (env.http_proxy ?? env.HTTP_PROXY)
        : undefined;
  if (!setting?.trim() || bypasses(target, env.no_proxy ?? env.NO_PROXY ?? '')) return undefined;
  try {
    // A proxy written as host:port is an http:// proxy, as curl reads it.
    const proxy = new URL(
      /^[a-z][a-z0-9+.-]*:\/\//i.test(setting.trim()) ? setting.trim() : `http://${setting.trim()}`,
    );
    return proxy.protocol === 'http:' || proxy.protocol === 'https:' ? proxy : undefined;
  } catch {
    return undefined;
  }
}

/**
 * NO_PROXY: a comma- or space-separated list; `*` matches every host; an entry matches its host and every
 * subdomain (`example.com`, `.example.com` and `*.example.com` alike); `host:port` matches that port only.
 */
function bypasses(target: URL, noProxy: string): boolean {
  const { host: endpointHost, port: endpointPort } = endpointOf(target);
  const host = endpointHost.toLowerCase();
  const port = String(endpointPort);
  return noProxy
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((entry) => {
      if (entry === '*') return true;
      const [, name = '', entryPort] = /^(.*?)(?::(\d+))?$/.exec(entry.toLowerCase()) ?? [];
      if (entryPort && entryPort !== port) return false;
      const domain = name.replace(/^\[|\]$/g, '').replace(/^\*?\./, '');
      return domain !== '' && (host === domain || host.endsWith(`.${domain}`));
    });
}

/** The Proxy-Authorization header a proxy URL's user and password make, if it has them. */
export function proxyAuthorization(proxy: URL): Record<string, string> {
  if (!proxy.username && !proxy.password) return {};
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'proxy-authorization': `Basic ${Buffer.from(credentials).toString('base64')}` };
}

/**
 * An https.Agent whose connections are TLS inside a CONNECT tunnel through `proxy`. The proxy sees only the
 * CONNECT line (host and port) and its own credentials; every header of the request travels inside TLS.
 * Tunnels are kept alive and reused like direct connections.
 */
class TunnelAgent extends https.Agent {
  constructor(private readonly proxy: URL) {
    super({ keepAlive: true });
  }

  override createConnection(
    options: https.RequestOptions,
    callback?: (error: Error | null, socket: Duplex) => void,
  ): Duplex | null | undefined {
    const done = callback ?? (() => undefined);
    const host = String(options.hostname ?? options.host ?? 'localhost').replace(/^\[|\]$/g, '');
    const authority = `${host.includes(':') ? `[${host}]` : host}:${options.port ?? 443}`;
    const connect = clientFor(this.proxy).request({
      ...endpointOf(this.proxy),
      method: 'CONNECT',
      path: authority,
      headers: { host: authority, ...proxyAuthorization(this.proxy) },
      agent: false,
    });
    connect.once('connect', (response, socket) => {
      if (response.statusCode !== 200) {
        socket.destroy();
        done(
          new Error(
            `the proxy ${this.proxy.host} refused to open a tunnel to ${authority} (HTTP ${response.statusCode})`,
          ),
          socket,
        );
        return;
      }
      // Only the TLS settings of the request: the rest of its options (its path above all) are not TLS's.
      const secure = tls.connect({
        socket,
        servername: options.servername ?? (isIP(host) ? undefined : host),
        ca: options.ca,
        cert: options.cert,
        key: options.key,
        rejectUnauthorized: options.rejectUnauthorized,
      });
      done(null, secure);
    });
    connect.once('error', (error) => done(error, undefined as unknown as Duplex));
    connect.end();
    return undefined;
  }
}

const tunnels = new Map<string, TunnelAgent>();

/** The one tunnelling agent for a proxy, so its tunnels are reused across requests. */
export function tunnelAgent(proxy: URL): https.Agent {
  let agent = tunnels.get(proxy.href);
  if (!agent) tunnels.set(proxy.href, (agent = new TunnelAgent(proxy)));
  return agent;
}
