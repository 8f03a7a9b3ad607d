// A runner's outbound proxy on 127.0.0.1, for the tests of HTTPS_PROXY / HTTP_PROXY / NO_PROXY: it forwards
// plain HTTP requests sent in absolute form and opens CONNECT tunnels, and records what it saw of each
// (the request line, its headers, and the bytes that went through a tunnel), so a test can say what a
// proxy learns. `refuseTunnels` answers every CONNECT with 403 instead.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';

export interface ProxiedRequest {
  method: string;
  /** The request target as the proxy received it: an absolute URL, or host:port for CONNECT. */
  target: string;
  headers: http.IncomingHttpHeaders;
}

export class ForwardProxy {
  readonly seen: ProxiedRequest[] = [];
  /** Every byte the client sent through a tunnel, as the proxy could read it. */
  tunnelled = Buffer.alloc(0);
  refuseTunnels = false;
  /** Open tunnels: the server's close() does not end them, as they left its HTTP handling. */
  private readonly tunnels = new Set<net.Socket>();

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async start(): Promise<ForwardProxy> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new ForwardProxy(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req, res) => proxy.forward(req, res));
    server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) =>
      proxy.tunnel(req, client, head),
    );
    return proxy;
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.seen.push({ method: req.method ?? '', target: req.url ?? '', headers: req.headers });
    if (!/^https?:\/\//.test(req.url ?? '')) {
      res.writeHead(400).end('not a proxy request');
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const upstream = http.request(req.url!, { method: req.method, headers, agent: false }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  }

  private tunnel(req: http.IncomingMessage, client: net.Socket, head: Buffer): void {
    this.seen.push({ method: req.method ?? '', target: req.url ?? '', headers: req.headers });
    if (this.refuseTunnels) {
      client.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    this.tunnels.add(client);
    client.on('close', () => this.tunnels.delete(client));
    const [host, port] = [req.url!.slice(0, req.url!.lastIndexOf(':')), req.url!.slice(req.url!.lastIndexOf(':') + 1)];
    const upstream = net.connect(Number(port), host.replace(/^\[|\]$/g, ''), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      client.on('data', (chunk: Buffer) => (this.tunnelled = Buffer.concat([this.tunnelled, chunk])));
      client.pipe(upstream).pipe(client);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  }

  async stop(): Promise<void> {
    for (const socket of this.tunnels) socket.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
