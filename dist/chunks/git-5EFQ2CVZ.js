import { createRequire as __codexTaskCreateRequire } from 'node:module'; const require = __codexTaskCreateRequire(import.meta.url);
import {
  createGit,
  filterDriverPassThroughs,
  filterDriverPassThroughsAt,
  gitEnvironment,
  initCopyRepository,
  parseRawDiff
} from "./chunk-RS6VKZPD.js";
import "./chunk-ZFCLGZUM.js";
import "./chunk-KLVSOTVW.js";
import "./chunk-LBANA4DG.js";
import "./chunk-XQUXGMXX.js";
import "./chunk-3XAZ5657.js";
export {
  createGit,
  filterDriverPassThroughs,
  filterDriverPassThroughsAt,
  gitEnvironment,
  initCopyRepository,
  parseRawDiff
};
