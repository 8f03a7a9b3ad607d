// Owns reading an answer's headers as request.ts hands them on: [name, value] pairs with lower-case names, in
// the order received (a repeated header several times). Pure.
// Must never: merge or reorder what the server sent.

/** The first value of a header among an answer's [name, value] pairs, if it has one. */
export function headerOf(headers: [string, string][], name: string): string | undefined {
  return headers.find(([key]) => key === name)?.[1];
}
