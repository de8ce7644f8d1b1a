// One linter for Gavel. The import rules keep shared/ pure and client/ and server/ apart.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const impure = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'http',
  'react',
  'react-dom',
  'react-dom/*',
  'socket.io',
  'socket.io-client',
  'express',
  'better-sqlite3',
  'zustand',
];

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSEnumDeclaration',
          message: 'Use a union or an `as const` object, not an enum.',
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...impure, '../server/*', '../client/*'],
              message: 'shared/ is pure: no Node, DOM, transport or UI imports.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'setTimeout',
        'setInterval',
        'performance',
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSEnumDeclaration',
          message: 'Use a union or an `as const` object, not an enum.',
        },
        {
          selector: "MemberExpression[object.name='Date'][property.name='now']",
          message: 'shared/ takes the time as an argument.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'shared/ takes the time as an argument.',
        },
        {
          selector: "CallExpression[callee.name='Date']",
          message: 'shared/ takes the time as an argument.',
        },
      ],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '../server/*',
                '../../server/*',
                'express',
                'better-sqlite3',
                'socket.io',
                'node:*',
              ],
              message: 'client/ never imports the server.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../client/*', 'react', 'react-dom', 'zustand'],
              message: 'server/ never imports the client.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'tests/**/*.ts',
      'bench/**/*.ts',
      'scripts/**/*.{ts,js}',
      'bin/**/*.js',
      '*.config.*',
      'vite.config.ts',
    ],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
