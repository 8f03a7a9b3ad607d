import { createRequire as __codexTaskCreateRequire } from 'node:module'; const require = __codexTaskCreateRequire(import.meta.url);
import {
  saveState
} from "./chunk-3TNFEIE5.js";

// src/child-env.ts
import { randomBytes } from "node:crypto";
var RUN_MARKER_ENV = "CODEX_TASK_ACTION_RUN";
var RUN_MARKER_STATE = "run-marker";
var BASE_VARIABLES = [
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  "LANG",
  "LANGUAGE",
  "LC_ALL",
  "LC_CTYPE",
  "LC_MESSAGES",
  "TZ",
  "TMPDIR",
  "RUNNER_TRACKING_ID"
];
var NETWORK_VARIABLES = [
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "http_proxy",
  "https_proxy",
  "no_proxy",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
  "NODE_EXTRA_CA_CERTS"
];
function childEnvironment(kind = "plain", from = process.env) {
  const env = {};
  const pass = (name) => {
    const value = from[name];
    if (value !== void 0) env[name] = value;
  };
  BASE_VARIABLES.forEach(pass);
  if (kind !== "plain") NETWORK_VARIABLES.forEach(pass);
  if (kind === "npm") {
    for (const name of Object.keys(from)) if (/^npm_config_/i.test(name)) pass(name);
  }
  env[RUN_MARKER_ENV] = runMarker(from);
  return env;
}
var marker;
function runMarker(from = process.env) {
  if (marker === void 0) {
    const inherited = process.env[RUN_MARKER_ENV];
    if (inherited) {
      marker = inherited;
    } else {
      marker = `${from.GITHUB_RUN_ID ?? "0"}-${from.GITHUB_RUN_ATTEMPT ?? "1"}-${randomBytes(6).toString("hex")}`;
      if (process.env.GITHUB_STATE) saveState(RUN_MARKER_STATE, marker);
    }
  }
  return marker;
}
function existingRunMarker() {
  return marker;
}

export {
  RUN_MARKER_ENV,
  childEnvironment,
  runMarker,
  existingRunMarker
};
