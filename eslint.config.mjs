import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// server/src/core is pure and below every shell (ARCHITECTURE.md). Flat config replaces a rule's options per
// block, so each core folder's block below repeats these patterns and adds its own layer.
const CORE_PATTERNS = [
  {
    group: ['vscode', 'vscode-*', 'fs', 'node:*', 'path', 'os', 'child_process', 'zlib'],
    message: 'server/src/core is pure: pass data in.',
  },
  {
    group: ['**/cli/**', '**/services/**', '**/features/**', '**/data/load*', '**/node/**', '**/client/**'],
    message: 'server/src/core imports nothing above it.',
  },
];
const coreImports = (...layer) => ['error', { patterns: [...CORE_PATTERNS, ...layer] }];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.code-server/**', '.vscode-test/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setImmediate: 'readonly',
        performance: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        structuredClone: 'readonly',
        globalThis: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
        queueMicrotask: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // The layers (ARCHITECTURE.md): core is pure; the shells (cli, services/features) sit on it and never on
  // each other; the client talks to the server only over LSP.
  {
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': coreImports(),
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'server/src/core has no clock: pass the date in.' },
        { name: 'process', message: 'server/src/core reads no environment: pass settings in.' },
      ],
    },
  },
  // Inside core: findings/ (Finding, FixData, the rule registry) and evidence/ (codability, evidence phrases) are
  // below the checkers; annotation/ never imports notes/, and notes/ imports annotation/ only as types.
  {
    files: ['server/src/core/findings/**/*.ts'],
    rules: {
      'no-restricted-imports': coreImports(
        {
          group: [
            '**/annotation/**',
            '**/notes/**',
            '**/evidence/**',
            '**/grading/**',
            '**/codeset/**',
            '**/review',
            '**/linking',
          ],
          message: 'core/findings is below every checker: it imports none of them.',
        },
        {
          group: ['**/cdi/**'],
          allowTypeImports: true,
          message: 'core/findings imports core/cdi only as types (the draft-query fix data).',
        },
      ),
    },
  },
  {
    files: ['server/src/core/evidence/**/*.ts'],
    rules: {
      'no-restricted-imports': coreImports({
        group: ['**/annotation/**', '**/notes/**', '**/cdi/**', '**/grading/**', '**/review', '**/linking'],
        message: 'core/evidence is below annotation/ and notes/: it imports neither (nor what sits on them).',
      }),
    },
  },
  {
    files: ['server/src/core/annotation/**/*.ts'],
    rules: {
      'no-restricted-imports': coreImports({
        group: ['**/notes/**', '**/cdi/**', '**/grading/**', '**/review', '**/linking'],
        message: 'core/annotation does not import notes/ (what both need is in core/evidence), cdi/ or grading/.',
      }),
    },
  },
  {
    files: ['server/src/core/notes/**/*.ts'],
    rules: {
      'no-restricted-imports': coreImports(
        {
          group: ['**/annotation/**'],
          allowTypeImports: true,
          message: 'core/notes imports annotation/ only as types (the .codes model); shared logic is in core/evidence.',
        },
        {
          group: ['**/cdi/**', '**/grading/**', '**/review', '**/linking'],
          message: 'core/notes is below cdi/ and grading/.',
        },
      ),
    },
  },
  {
    files: ['server/src/features/**/*.ts', 'server/src/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/cli/**', '../cli', './cli'], message: 'The language server never imports the CLI.' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/features/**', '**/services/**'], message: 'The CLI never imports the language server.' },
          ],
        },
      ],
    },
  },
  {
    files: ['client/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/src/**'],
              allowTypeImports: true,
              message: 'The client imports the server only as types (the protocol).',
            },
          ],
        },
      ],
    },
  },
);
