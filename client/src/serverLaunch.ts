/**
 * How the language server's Node process is started: used by the client (extension.ts) and by the LSP test
 * client (test/server/client.ts), so that the server tests and the server bench measure what users run.
 * Each setting lowers the resident memory (RSS) of a server holding every edition's data.
 */

/**
 * Node/V8 options for the server process (figures: docs/performance.md, server bench, one edition in use).
 * - `--max-semi-space-size=1` (MB): V8's young generation no longer grows to 16 MB semi-spaces while the
 *   data artifacts are parsed; the pages it grew to were never given back (about 15 MB of RSS).
 * - `--optimize-for-size`: V8 grows the old generation in smaller steps and keeps less compiled code and
 *   feedback. After the bench's 50 re-checks of a 500-line note the RSS is about 115 MB instead of 142 MB;
 *   the re-check p95 goes from about 6-7 ms to 8-10 ms (budget 10 ms), completion is unchanged.
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=1', '--optimize-for-size'];

/**
 * Environment for the server process (merged over the client's). glibc's malloc otherwise keeps freed
 * buffers of the loading peak (gunzipped artifacts, decoded text) in its heap: with these thresholds
 * blocks of 128 KB and more are mmapped and returned to the system when freed, and free memory at the top
 * of the heap is trimmed. Ignored by other allocators.
 */
export const SERVER_ENV: Readonly<Record<string, string>> = {
  MALLOC_MMAP_THRESHOLD_: '131072',
  MALLOC_TRIM_THRESHOLD_: '131072',
};
