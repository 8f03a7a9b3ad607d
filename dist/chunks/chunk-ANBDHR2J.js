import { createRequire as __codexTaskCreateRequire } from 'node:module'; const require = __codexTaskCreateRequire(import.meta.url);

// src/http/headers.ts
function headerOf(headers, name) {
  return headers.find(([key]) => key === name)?.[1];
}

// src/http/request.ts
import http2 from "node:http";
import https2 from "node:https";
import zlib from "node:zlib";

// src/http/proxy.ts
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import tls from "node:tls";
function endpointOf(url) {
  return {
    host: url.hostname.replace(/^\[|\]$/g, ""),
    port: Number(url.port) || (url.protocol === "https:" ? 443 : 80)
  };
}
function clientFor(url) {
  return url.protocol === "https:" ? https : http;
}
function proxyFor(target, env = process.env) {
  const setting = target.protocol === "https:" ? env.https_proxy ?? env.HTTPS_PROXY : target.protocol === "http:" ? env.http_proxy ?? env.HTTP_PROXY : void 0;
  if (!setting?.trim() || bypasses(target, env.no_proxy ?? env.NO_PROXY ?? "")) return void 0;
  try {
    const proxy = new URL(
      /^[a-z][a-z0-9+.-]*:\/\//i.test(setting.trim()) ? setting.trim() : `http://${setting.trim()}`
    );
    return proxy.protocol === "http:" || proxy.protocol === "https:" ? proxy : void 0;
  } catch {
    return void 0;
  }
}
function bypasses(target, noProxy) {
  const { host: endpointHost, port: endpointPort } = endpointOf(target);
  const host = endpointHost.toLowerCase();
  const port = String(endpointPort);
  return noProxy.split(/[\s,]+/).filter(Boolean).some((entry) => {
    if (entry === "*") return true;
    const [, name = "", entryPort] = /^(.*?)(?::(\d+))?$/.exec(entry.toLowerCase()) ?? [];
    if (entryPort && entryPort !== port) return false;
    const domain = name.replace(/^\[|\]$/g, "").replace(/^\*?\./, "");
    return domain !== "" && (host === domain || host.endsWith(`.${domain}`));
  });
}
function proxyAuthorization(proxy) {
  if (!proxy.username && !proxy.password) return {};
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { "proxy-authorization": `Basic ${Buffer.from(credentials).toString("base64")}` };
}
var TunnelAgent = class extends https.Agent {
  constructor(proxy) {
    super({ keepAlive: true });
    this.proxy = proxy;
  }
  proxy;
  createConnection(options, callback) {
    const done = callback ?? (() => void 0);
    const host = String(options.hostname ?? options.host ?? "localhost").replace(/^\[|\]$/g, "");
    const authority = `${host.includes(":") ? `[${host}]` : host}:${options.port ?? 443}`;
    const connect = clientFor(this.proxy).request({
      ...endpointOf(this.proxy),
      method: "CONNECT",
      path: authority,
      headers: { host: authority, ...proxyAuthorization(this.proxy) },
      agent: false
    });
    connect.once("connect", (response, socket) => {
      if (response.statusCode !== 200) {
        socket.destroy();
        done(
          new Error(
            `the proxy ${this.proxy.host} refused to open a tunnel to ${authority} (HTTP ${response.statusCode})`
          ),
          socket
        );
        return;
      }
      const secure = tls.connect({
        socket,
        servername: options.servername ?? (isIP(host) ? void 0 : host),
        ca: options.ca,
        cert: options.cert,
        key: options.key,
        rejectUnauthorized: options.rejectUnauthorized
      });
      done(null, secure);
    });
    connect.once("error", (error) => done(error, void 0));
    connect.end();
    return void 0;
  }
};
var tunnels = /* @__PURE__ */ new Map();
function tunnelAgent(proxy) {
  let agent = tunnels.get(proxy.href);
  if (!agent) tunnels.set(proxy.href, agent = new TunnelAgent(proxy));
  return agent;
}

// src/http/request.ts
var direct = { http: new http2.Agent({ keepAlive: true }), https: new https2.Agent({ keepAlive: true }) };
var directAgent = (url) => url.protocol === "https:" ? direct.https : direct.http;
function send(url, options) {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const headers = { "accept-encoding": "identity", ...options.headers };
  if (options.body) headers["content-length"] = String(options.body.length);
  else if (!["GET", "HEAD"].includes(options.method)) headers["content-length"] = "0";
  const request = outgoing(url, options.method, headers, options.env ?? process.env);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      request.destroy(signal?.reason);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    const settle = () => signal?.removeEventListener("abort", onAbort);
    request.on("error", (error) => {
      settle();
      reject(error);
    });
    request.once("response", (response) => {
      const received = [];
      for (let i = 0; i < response.rawHeaders.length; i += 2)
        received.push([String(response.rawHeaders[i]).toLowerCase(), String(response.rawHeaders[i + 1])]);
      const body = decoded(response, received);
      signal?.removeEventListener("abort", onAbort);
      if (signal) {
        const abortBody = () => {
          request.destroy(signal.reason);
          body.destroy(signal.reason);
        };
        signal.addEventListener("abort", abortBody, { once: true });
        body.once("close", () => signal.removeEventListener("abort", abortBody));
      }
      resolve({
        status: response.statusCode ?? 0,
        statusText: response.statusMessage ?? "",
        headers: received,
        body
      });
    });
    request.end(options.body);
  });
}
function outgoing(url, method, headers, env) {
  const proxy = proxyFor(url, env);
  if (!proxy) return clientFor(url).request(url, { method, headers, agent: directAgent(url) });
  if (url.protocol === "https:") return https2.request(url, { method, headers, agent: tunnelAgent(proxy) });
  return clientFor(proxy).request({
    ...endpointOf(proxy),
    method,
    path: url.href,
    headers: { host: url.host, ...headers, ...proxyAuthorization(proxy) },
    agent: directAgent(proxy)
  });
}
function decoded(response, headers) {
  const encoding = headerOf(headers, "content-encoding")?.trim().toLowerCase();
  const decoder = encoding === "gzip" || encoding === "x-gzip" ? zlib.createGunzip() : encoding === "deflate" ? zlib.createInflate() : encoding === "br" ? zlib.createBrotliDecompress() : void 0;
  if (!decoder) return response;
  for (let i = headers.length - 1; i >= 0; i--)
    if (headers[i][0] === "content-encoding" || headers[i][0] === "content-length") headers.splice(i, 1);
  response.once("error", (error) => decoder.destroy(error));
  decoder.once("close", () => {
    if (!response.complete) response.destroy();
  });
  return response.pipe(decoder);
}
async function readAll(body) {
  const chunks = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export {
  headerOf,
  send,
  readAll
};
