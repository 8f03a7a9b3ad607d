// Owns trigger-phrase detection: the phrase must stand as its own word at the start of a line or after
// whitespace ("/codex fix it", "please /codex fix it"), never inside another word ("x/codex") or a longer
// command ("/codexify"). The request is everything after the phrase.

export type TriggerMatch = { found: true; request: string } | { found: false };

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function findTrigger(text: string, phrase: string): TriggerMatch {
  if (!phrase) return { found: false };
  const pattern = new RegExp(`(^|\\s)${escapeRegExp(phrase)}(?=\\s|$)`, 'u');
  const withoutCode = blankOutCode(text);
  const match = pattern.exec(withoutCode);
  if (!match) return { found: false };
  const end = match.index + match[0].length;
  return { found: true, request: text.slice(end).trim() };
}

/**
 * Replaces what GitHub does not show as prose (HTML comments, fenced code blocks with ``` or ~~~, inline code)
 * with spaces, keeping offsets, so that a phrase quoted in code or hidden in a template does not trigger.
 */
function blankOutCode(text: string): string {
  const blank = (fragment: string): string => fragment.replace(/[^\n]/g, ' ');
  return text
    .replace(/<!--[\s\S]*?(-->|$)/g, blank)
    .replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?(^\1[^\S\n]*$|(?![\s\S]))/gm, blank)
    .replace(/`[^`\n]*`/g, blank);
}
