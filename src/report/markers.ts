// Owns the hidden markers the action writes into what it posts, so the action can recognise its own words later
// (task/ reads them to never trigger on them, to find runs still working; publish/ writes them in a pull
// request body). Must never: be matched by a rule that trusts who wrote the text: anyone can copy a marker.

/** The hidden marker the action puts in every comment it writes, so it never triggers on its own words. */
export const ACTION_MARKER = '<!-- codex-task-action -->';
/** A second hidden marker, only in the tracking comment while its run is still working. */
export const WORKING_MARKER = '<!-- codex-task-action:working';
