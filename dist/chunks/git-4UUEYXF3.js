import { createRequire as __codexTaskCreateRequire } from 'node:module'; const require = __codexTaskCreateRequire(import.meta.url);
import {
  createGit,
  filterDriverPassThroughs,
  filterDriverPassThroughsAt,
  initCopyRepository,
  parseRawDiff
} from "./chunk-WAIF3L3J.js";
import "./chunk-LBANA4DG.js";
import "./chunk-PVNDOG3S.js";
import "./chunk-K7V3RYRI.js";
export {
  createGit,
  filterDriverPassThroughs,
  filterDriverPassThroughsAt,
  initCopyRepository,
  parseRawDiff
};
