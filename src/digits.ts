// Owns how the action writes a number for people to read: 1234567 as '1,234,567', the same in every locale.
// Must never: call toLocaleString: its first call in a run loads ICU data, tens of milliseconds of CPU.

/** 1234567 → '1,234,567' (rounded to a whole number first). */
export function groupDigits(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
