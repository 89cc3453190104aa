/** PHI: with trace off or "messages", the server's log never contains document text. */
import assert from 'node:assert/strict';
import { LspTestClient } from './client';

const SECRET = 'Zebulon Quartermaine';
const NOTE = `Date of service: 2026-03-14\nPatient ${SECRET} seen for heart failure I50.2, [S72.001].\n`;
const CODES = `encounter: ${SECRET}\ndate: 2026-03-14\nsetting: inpatient\n\nI50.2 POA=Y "${SECRET} has heart failure"\n`;

for (const trace of ['off', 'messages'] as const) {
  describe(`server: no document text in the log (trace ${trace})`, function () {
    it('checks, hovers, completes, fails a request, and logs nothing of the text', async () => {
      const c = await LspTestClient.start({ settings: { trace: { server: trace } } });
      await c.open('file:///p/a.note', 'clinical-note', NOTE);
      await c.open('file:///p/a.codes', 'code-annotation', CODES);
      await c.hover('file:///p/a.note', { line: 1, character: 40 });
      await c.completion('file:///p/a.codes', { line: 4, character: 3 });
      await assert.rejects(c.request('clinicalCoding/search', { query: { text: SECRET } }));
      const v = await c.change('file:///p/a.note', NOTE + SECRET + '\n');
      await c.waitForPublished('file:///p/a.note', v);
      await c.stop();
      if (trace === 'messages')
        assert.ok(
          c.logs.some((l) => l.startsWith('checked ')),
          'trace messages logs the checks',
        );
      const leaked = c.logs.filter((l) => l.includes(SECRET) || l.includes('Zebulon'));
      assert.deepEqual(leaked, []);
      assert.ok(!c.stderr.includes('Zebulon'));
    });
  });
}
