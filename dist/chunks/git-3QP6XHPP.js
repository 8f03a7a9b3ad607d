import { createRequire as __codexTaskCreateRequire } from 'node:module'; const require = __codexTaskCreateRequire(import.meta.url);
import {
  HardenedGit,
  createGit
} from "./chunk-2KE7V45J.js";
import "./chunk-LDZQMO64.js";
import "./chunk-ZHIM3NWU.js";
import "./chunk-LBANA4DG.js";
import "./chunk-TRCMMT2P.js";
import "./chunk-PVR5USRS.js";
export {
  HardenedGit,
  createGit
};
