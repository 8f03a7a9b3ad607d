import { createRequire as __codexTaskCreateRequire } from 'node:module'; const require = __codexTaskCreateRequire(import.meta.url);

// src/post.ts
var state = (name) => process.env[`STATE_${name}`] ?? "";
var saved = { runMarker: state("run-marker"), vault: state("credentials-vault"), scratchDir: state("scratch-dir") };
if (saved.runMarker || saved.vault || saved.scratchDir) {
  const { cleanUpAfterRun } = await import("./chunks/post-cleanup-F252ZUOT.js");
  await cleanUpAfterRun(saved);
}
process.exit();
