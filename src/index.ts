// Entry point that action.yml runs (bundled as dist/index.js).
import { run } from './main.js';

await run();
// Exit explicitly: a stray handle (a timer in a client library, a child's pipe) must not keep the job waiting.
process.exit();
