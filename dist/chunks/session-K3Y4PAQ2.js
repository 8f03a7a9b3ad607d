import { createRequire as __codexTaskCreateRequire } from 'node:module'; const require = __codexTaskCreateRequire(import.meta.url);
import {
  UNREAD_CODEX_EVENTS,
  closeAllSessions,
  startMcpSession
} from "./chunk-MSENFDXF.js";
import "./chunk-CLAT6O6H.js";
import "./chunk-346AIKJC.js";
import "./chunk-BPCLRSEQ.js";
import "./chunk-LBANA4DG.js";
import "./chunk-3TNFEIE5.js";
export {
  UNREAD_CODEX_EVENTS,
  closeAllSessions,
  startMcpSession
};
