/**
 * Lint enforces the layers of ARCHITECTURE.md (eslint.config.mjs, no-restricted-imports per folder): each row is an
 * import written in a file of some folder, and whether lint lets it through. The files are virtual (lintText).
 */
import { strict as assert } from 'node:assert';
import path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

/** [file, import line, allowed] */
const cases: Array<[string, string, boolean]> = [
  // core/findings: below every checker; core/cdi only as types (the draft-query fix data)
  ['server/src/core/findings/x.ts', "import type { AnnotationFile } from '../annotation/types';", false],
  ['server/src/core/findings/x.ts', "import { codability } from '../evidence/codability';", false],
  ['server/src/core/findings/x.ts', "import { NoteReader } from '../notes/reader';", false],
  ['server/src/core/findings/x.ts', "import { createCodeSet } from '../codeset/codeset';", false],
  ['server/src/core/findings/x.ts', "import { TOPICS } from '../cdi/topics';", false],
  ['server/src/core/findings/x.ts', "import type { QueryOpportunity } from '../cdi/types';", true],
  ['server/src/core/findings/rules/x.ts', "import type { RuleInfo } from '../registry';", true],
  // core/evidence: below annotation and notes
  ['server/src/core/evidence/x.ts', "import type { NoteAnalysis } from '../notes/reader';", false],
  ['server/src/core/evidence/x.ts', "import type { CodeLine } from '../annotation/types';", false],
  ['server/src/core/evidence/x.ts', "import type { Span } from '../types';", true],
  // core/annotation never imports notes (nor cdi, grading); evidence and findings are below it
  ['server/src/core/annotation/rules/x.ts', "import { codability } from '../../notes/reader';", false],
  ['server/src/core/annotation/rules/x.ts', "import type { NoteAnalysis } from '../../notes/reader';", false],
  ['server/src/core/annotation/x.ts', "import { checkKey } from '../grading/key';", false],
  ['server/src/core/annotation/rules/x.ts', "import { codability } from '../../evidence/codability';", true],
  ['server/src/core/annotation/rules/x.ts', "import { ruleInfo } from '../../findings/registry';", true],
  ['server/src/core/annotation/rules/x.ts', "import { notesOf } from '../../codeset/notes';", true],
  // core/notes imports annotation only as types
  ['server/src/core/notes/x.ts', "import { parseAnnotation } from '../annotation/parse';", false],
  ['server/src/core/notes/x.ts', "import type { AnnotationFile } from '../annotation/types';", true],
  ['server/src/core/notes/x.ts', "import { findEvidenceAll } from '../evidence/phrase';", true],
  // the core rules still hold in every core folder
  ['server/src/core/annotation/x.ts', "import { readFileSync } from 'node:fs';", false],
  ['server/src/core/evidence/x.ts', "import { Linker } from '../../services/workspace';", false],
  // the shells
  ['server/src/features/x.ts', "import { runCheck } from '../cli/check';", false],
  ['server/src/cli/x.ts', "import { registerAll } from '../features/index';", false],
];

describe('lint enforces the layers (eslint.config.mjs)', function () {
  this.timeout(60000);
  for (const [file, line, allowed] of cases) {
    it(`${file}: ${line} ${allowed ? 'is allowed' : 'is refused'}`, async () => {
      const [result] = await eslint.lintText(`${line}\nexport const used = [] as unknown[];\n`, {
        filePath: path.join(root, file),
      });
      const refusals = result.messages.filter((m) => m.ruleId === 'no-restricted-imports');
      assert.equal(refusals.length, allowed ? 0 : 1, refusals.map((m) => m.message).join('; '));
    });
  }
});
