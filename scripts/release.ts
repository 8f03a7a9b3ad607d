// The release process's rules, in one place that the release workflow (.github/workflows/release.yml) runs and
// the docs test reads: which tags a version creates, and which CHANGELOG.md section is its release notes.
// `node --import tsx scripts/release.ts check` validates package.json against CHANGELOG.md and prints, for
// $GITHUB_OUTPUT, the version, the tags to create and whether the major tag moves; `notes` prints the notes.
// Must never: create, move or push a tag itself (the workflow does, after the checks and the tests).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SEMVER = /^(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?$/;

export interface ReleaseTags {
  /** The tag that never moves: vX.Y.Z. */
  exact: string;
  /** The tag that moves to each compatible release, vX; none for a pre-release. */
  major: string | undefined;
}

/** The tags a release of `version` creates: vX.Y.Z, and vX moved to it unless it is a pre-release. */
export function releaseTags(version: string): ReleaseTags {
  const match = SEMVER.exec(version);
  if (!match) throw new Error(`package.json version '${version}' is not X.Y.Z or X.Y.Z-pre.`);
  return { exact: `v${version}`, major: match[4] ? undefined : `v${match[1] as string}` };
}

/** The body of `## [version] - YYYY-MM-DD` in a Keep a Changelog file; undefined when there is no such section. */
export function changelogSection(changelog: string, version: string): { date: string; notes: string } | undefined {
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const heading = new RegExp(`^## \\[${escaped}\\] - (\\d{4}-\\d{2}-\\d{2})[ \\t]*$`, 'm');
  const match = heading.exec(changelog);
  if (!match) return undefined;
  const rest = changelog.slice(match.index + match[0].length);
  const next = /^## /m.exec(rest);
  return { date: match[1] as string, notes: (next ? rest.slice(0, next.index) : rest).trim() };
}

export function packageVersion(root = ROOT): string {
  return (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

function main(command: string | undefined): void {
  const version = packageVersion();
  const tags = releaseTags(version);
  const section = changelogSection(fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8'), version);
  if (!section) {
    process.stderr.write(
      `CHANGELOG.md has no '## [${version}] - YYYY-MM-DD' section: move the Unreleased entries under it first.\n`,
    );
    process.exit(1);
  }
  if (command === 'notes') {
    process.stdout.write(`${section.notes}\n`);
    return;
  }
  if (command === 'check') {
    process.stdout.write(
      `version=${version}\nexact=${tags.exact}\nmajor=${tags.major ?? ''}\nprerelease=${tags.major === undefined}\n`,
    );
    return;
  }
  process.stderr.write('Usage: node --import tsx scripts/release.ts check|notes\n');
  process.exit(2);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv[2]);
