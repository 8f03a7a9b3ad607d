import { createRequire as __codexTaskCreateRequire } from 'node:module'; const require = __codexTaskCreateRequire(import.meta.url);
import {
  HardenedGit,
  createGit
} from "./chunk-PMWMGOLN.js";
import "./chunk-JXICYQTT.js";
import "./chunk-3NYCFMTL.js";
import "./chunk-LBANA4DG.js";
import "./chunk-TRCMMT2P.js";
import "./chunk-PVR5USRS.js";
export {
  HardenedGit,
  createGit
};
