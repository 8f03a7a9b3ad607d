import { createRequire as __codexTaskCreateRequire } from 'node:module'; const require = __codexTaskCreateRequire(import.meta.url);
import {
  HardenedGit,
  createGit
} from "./chunk-ZANESOIH.js";
import "./chunk-WCZEJTXB.js";
import "./chunk-BPCLRSEQ.js";
import "./chunk-LBANA4DG.js";
import "./chunk-DVFJQTUW.js";
import "./chunk-3TNFEIE5.js";
export {
  HardenedGit,
  createGit
};
