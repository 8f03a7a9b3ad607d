// Owns how a stage of the work shows in the log: one group per stage, closed with how long it took (the
// benchmark reads those lines). Must never swallow the stage's error.
import * as core from '@actions/core';

export async function stage<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  core.startGroup(name);
  try {
    return await work();
  } finally {
    core.endGroup();
    core.info(`${name}: ${Math.round(performance.now() - started)} ms`);
  }
}
