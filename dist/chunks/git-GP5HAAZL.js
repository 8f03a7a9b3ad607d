import { createRequire as __codexTaskCreateRequire } from 'node:module'; const require = __codexTaskCreateRequire(import.meta.url);
import {
  createGit,
  filterDriverPassThroughs,
  filterDriverPassThroughsAt,
  gitEnvironment,
  initCopyRepository,
  parseRawDiff
} from "./chunk-VL2UOL56.js";
import "./chunk-NHM3AB4Y.js";
import "./chunk-G5MF5DPY.js";
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
