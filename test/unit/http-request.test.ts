// Unit tests for the action's own HTTP requests (src/http/) against real servers on 127.0.0.1: the Response
// the GitHub client reads, redirects as fetch follows them, aborts and the deadline, decoding, streaming,
// and the runner's proxy (which proxy, NO_PROXY, a forwarded request, a CONNECT tunnel and what it shows).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import zlib from 'node:zlib';
import { MAX_REDIRECTS, fetchWithDeadline, httpFetch } from '../../src/http/fetch.ts';
import { proxyFor, tunnelAgent } from '../../src/http/proxy.ts';
import { send } from '../../src/http/request.ts';
import { ForwardProxy } from '../support/forward-proxy.ts';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const servers: Array<{ close(): void; closeAllConnections(): void }> = [];
after(() => servers.forEach((server) => (server.closeAllConnections(), server.close())));

/** A server on 127.0.0.1 that records each request (with its body) before `handle` answers it. */
async function serve(
  handle: (req: http.IncomingMessage, res: http.ServerResponse, seen: Seen) => void,
  server: http.Server = http.createServer(),
): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      seen.push(request);
      handle(req, res, request);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  const scheme = server instanceof https.Server ? 'https' : 'http';
  return { url: `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const NO_PROXY_ENV = {};

describe('the Response the GitHub client reads', () => {
  it('has the status, status text, every header, the final url and the body', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(201, 'Made', [
        ['content-type', 'application/json; charset=utf-8'],
        ['set-cookie', 'a=1'],
        ['set-cookie', 'b=2'],
        ['x-ratelimit-remaining', '4999'],
      ]);
      res.end('{"id":7}');
    });
    const response = await httpFetch(`${url}/repos/o/r/issues`, {}, NO_PROXY_ENV);
    assert.ok(response instanceof Response);
    assert.equal(response.status, 201);
    assert.equal(response.statusText, 'Made');
    assert.equal(response.url, `${url}/repos/o/r/issues`);
    assert.equal(response.redirected, false);
    assert.equal(response.headers.get('x-ratelimit-remaining'), '4999');
    assert.deepEqual(response.headers.getSetCookie(), ['a=1', 'b=2']);
    assert.ok([...response.headers].some(([name]) => name === 'content-type'));
    assert.deepEqual(await response.json(), { id: 7 });
  });

  it('sends the method, headers and body, and asks for no compression', async () => {
    const { url, seen } = await serve((_req, res) => res.end('[]'));
    await httpFetch(
      `${url}/x`,
      { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' },
      {},
    );
    assert.equal(seen[0]!.method, 'PATCH');
    assert.equal(seen[0]!.headers['content-type'], 'application/json');
    assert.equal(seen[0]!.headers['content-length'], '7');
    assert.equal(seen[0]!.headers['accept-encoding'], 'identity');
    assert.equal(seen[0]!.body, '{"a":1}');
  });

  it('has a null body for 204, 205, 304 and a HEAD request, whatever the server sends', async () => {
    const { url } = await serve((req, res) => {
      const status = Number(req.url!.slice(1)) || 200;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'text' : undefined);
    });
    for (const status of [204, 205, 304]) {
      const response = await httpFetch(`${url}/${status}`, {}, {});
      assert.equal(response.status, status);
      assert.equal(response.body, null, `HTTP ${status}`);
    }
    const head = await httpFetch(`${url}/200`, { method: 'HEAD' }, {});
    assert.equal(head.status, 200);
    assert.equal(head.body, null);
  });

  it('decodes a body the server compressed although it was not asked to', async () => {
    const { url } = await serve((req, res) => {
      const br = req.url === '/br';
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': br ? 'br' : 'gzip' });
      res.end(br ? zlib.brotliCompressSync('plain words') : zlib.gzipSync('plain words'));
    });
    for (const encoding of ['gzip', 'br']) {
      const response = await httpFetch(`${url}/${encoding}`, {}, {});
      assert.equal(await response.text(), 'plain words');
      assert.equal(response.headers.get('content-encoding'), null, 'the header would lie about the body');
    }
  });

  it('rejects with the connection error when nothing listens', async () => {
    const { url } = await serve(() => undefined);
    const port = new URL(url).port;
    servers.at(-1)!.close();
    await assert.rejects(httpFetch(`http://127.0.0.1:${port}/`, {}, {}), /ECONNREFUSED/);
  });
});

describe('redirects, as fetch follows them', () => {
  /** Answers /to/<status>?<location> with that redirect, and anything else with what it was sent. */
  const redirector = () =>
    serve((req, res, seen) => {
      const match = /^\/to\/(\d+)\?(.*)$/.exec(req.url ?? '');
      if (match) res.writeHead(Number(match[1]), { location: decodeURIComponent(match[2]!) }).end('moved');
      else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(seen));
    });

  it('turns a POST into a GET without its body on 301 and 302, and anything but HEAD on 303', async () => {
    const { url } = await redirector();
    const cases: Array<[number, string, string]> = [
      [301, 'POST', 'GET'],
      [302, 'POST', 'GET'],
      [303, 'PATCH', 'GET'],
      [303, 'HEAD', 'HEAD'],
      [301, 'PUT', 'PUT'],
    ];
    for (const [status, method, expected] of cases) {
      const init = {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'HEAD' ? undefined : '{"x":1}',
      };
      const response = await httpFetch(`${url}/to/${status}?/landed`, init, {});
      assert.equal(response.redirected, true);
      assert.equal(response.url, `${url}/landed`);
      if (expected === 'HEAD') continue;
      const landed = (await response.json()) as Seen;
      assert.equal(landed.method, expected, `${status} after ${method}`);
      assert.equal(landed.body, expected === 'GET' ? '' : '{"x":1}');
      assert.equal(landed.headers['content-type'], expected === 'GET' ? undefined : 'application/json');
    }
  });

  it('keeps the method and the body on 307 and 308', async () => {
    const { url } = await redirector();
    for (const status of [307, 308]) {
      const response = await httpFetch(`${url}/to/${status}?/landed`, { method: 'POST', body: 'kept' }, {});
      const landed = (await response.json()) as Seen;
      assert.deepEqual([landed.method, landed.body], ['POST', 'kept']);
    }
  });

  it('keeps Authorization on the same origin and drops it on another', async () => {
    const { url } = await redirector();
    const other = await redirector();
    const auth = { headers: { authorization: 'token ghs_secret' } };
    const same = (await (await httpFetch(`${url}/to/302?/landed`, auth, {})).json()) as Seen;
    assert.equal(same.headers.authorization, 'token ghs_secret');
    const away = await httpFetch(`${url}/to/302?${encodeURIComponent(`${other.url}/landed`)}`, auth, {});
    assert.equal(away.url, `${other.url}/landed`);
    assert.equal(((await away.json()) as Seen).headers.authorization, undefined);
    assert.equal(other.seen[0]!.headers.authorization, undefined, 'the other origin never saw the token');
  });

  it(`gives up after ${MAX_REDIRECTS} redirects, and returns the redirect itself with redirect: 'manual'`, async () => {
    const { url, seen } = await serve((_req, res) => res.writeHead(302, { location: '/again' }).end());
    await assert.rejects(httpFetch(`${url}/again`, {}, {}), /more than 20 redirects/);
    assert.equal(seen.length, MAX_REDIRECTS + 1);
    const manual = await httpFetch(`${url}/again`, { redirect: 'manual' }, {});
    assert.equal(manual.status, 302);
    assert.equal(manual.headers.get('location'), '/again');
  });
});

describe('aborts and the deadline', () => {
  it('aborts on the caller signal: the request is destroyed and the call rejects with an AbortError', async () => {
    let closed!: () => void;
    const serverSawClose = new Promise<void>((resolve) => (closed = resolve));
    const { url } = await serve((req) => req.socket.on('close', closed));
    const controller = new AbortController();
    const call = fetchWithDeadline(60_000)(`${url}/hangs`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(call, { name: 'AbortError' });
    await serverSawClose;
  });

  it('ends a call that outlives the deadline with a TimeoutError, also while the body is read', async () => {
    const { url } = await serve((req, res) => {
      if (req.url === '/slow-body') res.writeHead(200).write('part');
    });
    await assert.rejects(fetchWithDeadline(80)(`${url}/hangs`), { name: 'TimeoutError' });
    await assert.rejects(fetchWithDeadline(80)(`${url}/slow-body`), { name: 'TimeoutError' });
  });
});

describe('streaming (the model proxy)', () => {
  it('hands each chunk on as it arrives, before the answer ends', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: one\n\n');
      void released.then(() => res.end('data: two\n\n'));
    });
    const reply = await send(new URL(`${url}/v1/responses`), {
      method: 'POST',
      headers: {},
      body: Buffer.from('{}'),
      env: {},
    });
    assert.equal(reply.status, 200);
    const chunks: string[] = [];
    for await (const chunk of reply.body) {
      chunks.push(String(chunk));
      if (chunks.length === 1) release();
    }
    assert.deepEqual(chunks, ['data: one\n\n', 'data: two\n\n']);
  });
});

describe('the runner proxy', () => {
  const target = (url: string) => new URL(url);

  it('reads HTTPS_PROXY for https and HTTP_PROXY for http, lower case first', () => {
    const env = { HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:2', HTTP_PROXY: 'plain:3' };
    assert.equal(proxyFor(target('https://api.github.com/'), env)?.href, 'http://lower:2/');
    assert.equal(proxyFor(target('http://ghe.local/api/v3'), env)?.href, 'http://plain:3/');
    assert.equal(proxyFor(target('http://ghe.local/'), { HTTPS_PROXY: 'http://p:1' }), undefined);
    assert.equal(proxyFor(target('https://api.github.com/'), {}), undefined);
  });

  it('does not proxy a host NO_PROXY lists: the host, its subdomains, a port, or *', () => {
    const via = (url: string, noProxy: string) =>
      proxyFor(target(url), { HTTPS_PROXY: 'http://p:1', no_proxy: noProxy });
    assert.equal(via('https://api.github.com/', 'github.com'), undefined);
    assert.equal(via('https://api.github.com/', '.github.com'), undefined);
    assert.equal(via('https://api.github.com/', '*.github.com'), undefined);
    assert.equal(via('https://api.github.com/', 'example.org, api.github.com'), undefined);
    assert.equal(via('https://api.github.com/', '*'), undefined);
    assert.equal(via('https://127.0.0.1:8443/', '127.0.0.1:8443'), undefined);
    assert.ok(via('https://127.0.0.1:8443/', '127.0.0.1:9999'));
    assert.ok(via('https://notgithub.com/', 'github.com'));
    assert.ok(via('https://api.github.com/', ''));
    assert.equal(proxyFor(target('https://a.b/'), { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'a.b' }), undefined);
  });

  it('sends an http:// request whole to HTTP_PROXY, with the proxy credentials only for the proxy', async () => {
    const { url, seen } = await serve((_req, res) => res.end('through'));
    const proxy = await ForwardProxy.start();
    try {
      const withUser = proxy.url.replace('http://', 'http://user:p%40ss@');
      const env = { HTTP_PROXY: withUser };
      const response = await httpFetch(`${url}/path?q=1`, { headers: { authorization: 'token t' } }, env);
      assert.equal(await response.text(), 'through');
      assert.equal(proxy.seen[0]!.target, `${url}/path?q=1`);
      assert.equal(
        proxy.seen[0]!.headers['proxy-authorization'],
        `Basic ${Buffer.from('user:p@ss').toString('base64')}`,
      );
      assert.equal(seen[0]!.headers['proxy-authorization'], undefined);
      await httpFetch(`${url}/direct`, {}, { ...env, NO_PROXY: '127.0.0.1' });
      assert.equal(proxy.seen.length, 1, 'NO_PROXY lists the host');
    } finally {
      await proxy.stop();
    }
  });

  it('tunnels https:// through HTTPS_PROXY with CONNECT: the proxy sees host and port, never the token', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'http-tls-'));
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'],
        ...['-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-subj', '/CN=localhost'],
        ...['-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'],
      ],
      { stdio: 'ignore' },
    );
    const cert = fs.readFileSync(path.join(dir, 'cert.pem'));
    const tlsServer = https.createServer({ cert, key: fs.readFileSync(path.join(dir, 'key.pem')) });
    fs.rmSync(dir, { recursive: true });
    const { url, seen } = await serve((_req, res) => res.end('secret answer'), tlsServer);
    const proxy = await ForwardProxy.start();
    try {
      const agent = tunnelAgent(new URL(proxy.url));
      const answer = await new Promise<string>((resolve, reject) => {
        const request = https.request(
          `${url}/repos`,
          { agent, ca: cert, headers: { authorization: 'token ghs_tunnelled' } },
          (res) => {
            let text = '';
            res.on('data', (chunk: Buffer) => (text += chunk.toString())).on('end', () => resolve(text));
          },
        );
        request.on('error', reject).end();
      });
      assert.equal(answer, 'secret answer');
      assert.equal(seen[0]!.headers.authorization, 'token ghs_tunnelled');
      assert.deepEqual(
        proxy.seen.map((request) => [request.method, request.target]),
        [['CONNECT', new URL(url).host]],
      );
      assert.ok(!JSON.stringify(proxy.seen).includes('ghs_tunnelled'));
      assert.ok(
        proxy.tunnelled.length > 0 && !proxy.tunnelled.includes('ghs_tunnelled'),
        'the token crossed the proxy in clear',
      );

      // The request module takes that route for an https:// URL when HTTPS_PROXY is set; a refused tunnel fails the call.
      proxy.refuseTunnels = true;
      await assert.rejects(
        send(new URL('https://api.github.invalid/'), { method: 'GET', headers: {}, env: { https_proxy: proxy.url } }),
        /refused to open a tunnel to api\.github\.invalid:443 \(HTTP 403\)/,
      );
    } finally {
      await proxy.stop();
    }
  });
});
