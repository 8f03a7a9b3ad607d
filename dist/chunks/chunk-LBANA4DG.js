import { createRequire as __codexTaskCreateRequire } from 'node:module'; const require = __codexTaskCreateRequire(import.meta.url);

// src/errors.ts
function getErrorMessage(error) {
  if (error instanceof Error) return error.message;
  if (typeof error === "string") return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
var ok = (value) => ({ ok: true, value });
var fail = (error) => ({ ok: false, error });
var ActionError = class extends Error {
  constructor(message, hint) {
    super(message);
    this.hint = hint;
    this.name = "ActionError";
  }
  hint;
};

export {
  getErrorMessage,
  ok,
  fail,
  ActionError
};
