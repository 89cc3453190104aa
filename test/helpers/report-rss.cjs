// Preload (node --require): on exit, writes the process's peak RSS (KB) to stderr as `@@RSS@@<kb>`.
// Used by bench/batch.bench.ts to show that `check --jsonl` runs in constant memory.
'use strict';
process.on('exit', () => {
  process.stderr.write(`\n@@RSS@@${process.resourceUsage().maxRSS}\n`);
});
