import { createRequire as __codexTaskCreateRequire } from 'node:module'; const require = __codexTaskCreateRequire(import.meta.url);
import {
  UNREAD_CODEX_EVENTS,
  closeAllSessions,
  startMcpSession
} from "./chunk-XT7O7ZP2.js";
import "./chunk-736LS3VF.js";
import "./chunk-IB2S6PB3.js";
import "./chunk-ZHIM3NWU.js";
import "./chunk-LBANA4DG.js";
import "./chunk-PVR5USRS.js";
export {
  UNREAD_CODEX_EVENTS,
  closeAllSessions,
  startMcpSession
};
