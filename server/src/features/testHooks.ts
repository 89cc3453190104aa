/**
 * Fault-injection hooks for the tests (test/server/phi.test.ts), registered only when the environment has
 * CLINICAL_CODING_TEST_HOOKS=1 (server.ts); never active in normal use.
 * - request `clinicalCoding/test/throw` {mode}: 'sync' throws in the handler, 'async' rejects, 'uncaught'
 *   throws from a timer outside any handler; the server must answer the next request as usual. 'exit' makes
 *   the process exit with status 3 (a crash), for a client-restart test. 'pid' answers the server's process
 *   id (as a string), so a test can tell a restarted server from the old one.
 * - a hover, diagnostics and symbols provider that throws on documents whose uri contains `test-hook-throw`,
 *   with the document text in the error message: the other providers still answer, and the error logged at
 *   the default trace must not contain the text (PHI).
 */
import type { ServerContext } from '../services/serverContext';

export const TEST_HOOKS_ENV = 'CLINICAL_CODING_TEST_HOOKS';

export function register(ctx: ServerContext): void {
  ctx.connection.onRequest(
    'clinicalCoding/test/throw',
    (p: { mode?: string } | undefined): Promise<string> | string => {
      const mode = p?.mode ?? 'sync';
      if (mode === 'pid') return String(process.pid);
      if (mode === 'async') return Promise.reject(new Error('test hook: asynchronous handler failure'));
      if (mode === 'exit') {
        // a crash, for a client-restart test (the client restarts a server that exits unexpectedly)
        setTimeout(() => process.exit(3), 10);
        return 'exiting';
      }
      if (mode === 'uncaught') {
        setTimeout(() => {
          throw new Error('test hook: exception outside any handler');
        }, 0);
        return 'scheduled';
      }
      throw new Error('test hook: handler failure');
    },
  );
  const fail = (uri: string, text: string) => {
    if (uri.includes('test-hook-throw')) throw new Error(`test hook: provider failure on ${text}`);
  };
  ctx.providers.hover.push((req) => {
    fail(req.doc.uri, req.info.text);
    return null;
  });
  ctx.providers.diagnostics.push((req) => {
    fail(req.doc.uri, req.info.text);
    return [];
  });
  ctx.providers.symbols.push((req) => {
    fail(req.doc.uri, req.info.text);
    return [];
  });
}
