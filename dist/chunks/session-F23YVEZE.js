import { createRequire as __codexTaskCreateRequire } from 'node:module'; const require = __codexTaskCreateRequire(import.meta.url);
import {
  UNREAD_CODEX_EVENTS,
  closeAllSessions,
  startMcpSession
} from "./chunk-A2TKAFS5.js";
import "./chunk-736LS3VF.js";
import "./chunk-GR7N76LY.js";
import "./chunk-ZHIM3NWU.js";
import "./chunk-LBANA4DG.js";
import "./chunk-PVR5USRS.js";
export {
  UNREAD_CODEX_EVENTS,
  closeAllSessions,
  startMcpSession
};
