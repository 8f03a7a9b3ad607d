import { createRequire as __codexTaskCreateRequire } from 'node:module'; const require = __codexTaskCreateRequire(import.meta.url);
import {
  createGit,
  filterDriverPassThroughs,
  filterDriverPassThroughsAt,
  gitEnvironment,
  initCopyRepository,
  parseRawDiff
} from "./chunk-PEINUUFH.js";
import "./chunk-M67QKB3V.js";
import "./chunk-ZHIM3NWU.js";
import "./chunk-LBANA4DG.js";
import "./chunk-TRCMMT2P.js";
import "./chunk-PVR5USRS.js";
export {
  createGit,
  filterDriverPassThroughs,
  filterDriverPassThroughsAt,
  gitEnvironment,
  initCopyRepository,
  parseRawDiff
};
