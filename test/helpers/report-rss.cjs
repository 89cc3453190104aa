// Preload (node --require): on exit, writes the process's peak RSS (KB) and CPU time (user + system, µs) to
// stderr as `@@RSS@@<kb> @@CPU@@<us>`. Used by bench/batch.bench.ts (constant memory; throughput per CPU
// second, which a machine shared with other work does not distort as much as wall time).
'use strict';
process.on('exit', () => {
  const u = process.resourceUsage();
  process.stderr.write(`\n@@RSS@@${u.maxRSS} @@CPU@@${u.userCPUTime + u.systemCPUTime}\n`);
});
