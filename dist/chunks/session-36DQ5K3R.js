import { createRequire as __codexTaskCreateRequire } from 'node:module'; const require = __codexTaskCreateRequire(import.meta.url);
import {
  UNREAD_CODEX_EVENTS,
  closeAllSessions,
  startMcpSession
} from "./chunk-F75AEO4E.js";
import "./chunk-736LS3VF.js";
import "./chunk-RWQX5YTQ.js";
import "./chunk-3NYCFMTL.js";
import "./chunk-LBANA4DG.js";
import "./chunk-PVR5USRS.js";
export {
  UNREAD_CODEX_EVENTS,
  closeAllSessions,
  startMcpSession
};
