// Lint, including the process-layer import rules from ARCHITECTURE.md (one block per layer).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

const nodeBuiltins = { regex: '^node:', message: 'Node built-ins are not allowed in this layer.' }
const bareNodeBuiltins = {
  regex: '^(fs|net|dgram|tls|path|os|child_process|crypto|http|https|events|stream|util)(/.*)?$',
  message: 'Node built-ins are not allowed in this layer.',
}
const electronModule = { regex: '^electron(/.*)?$', message: 'electron is not allowed in this layer.' }
const vueModules = { regex: '^(vue|pinia|vue-i18n)(/.*)?$', message: 'Vue belongs to the renderer only.' }
const layer = (name) => ({
  regex: `(^|/)(electron/)?${name}(/|$)|^\\.\\./(\\.\\./)*${name}(/|$)`,
  message: `${name} may not be imported from this layer.`,
})

/** One block per layer: the import table of ARCHITECTURE.md. */
const layerRules = [
  {
    files: ['electron/shared/**/*.ts'],
    patterns: [
      nodeBuiltins,
      bareNodeBuiltins,
      electronModule,
      vueModules,
      layer('core'),
      layer('main'),
      layer('preload'),
      layer('web'),
      layer('renderer'),
    ],
  },
  {
    files: ['electron/core/**/*.ts'],
    patterns: [electronModule, vueModules, layer('main'), layer('preload'), layer('web'), layer('renderer')],
  },
  {
    files: ['electron/web/**/*.ts'],
    patterns: [electronModule, vueModules, layer('main'), layer('preload'), layer('renderer')],
  },
  {
    files: ['electron/cli/**/*.ts'],
    patterns: [electronModule, vueModules, layer('main'), layer('preload'), layer('web'), layer('renderer')],
  },
  {
    files: ['electron/main/**/*.ts'],
    patterns: [vueModules, layer('renderer'), layer('preload'), layer('web')],
  },
  {
    files: ['electron/preload/**/*.ts'],
    patterns: [
      nodeBuiltins,
      bareNodeBuiltins,
      vueModules,
      layer('core'),
      layer('main'),
      layer('web'),
      layer('renderer'),
    ],
  },
  {
    files: ['renderer/**/*.{ts,vue}'],
    patterns: [
      nodeBuiltins,
      bareNodeBuiltins,
      electronModule,
      layer('core'),
      layer('main'),
      layer('preload'),
      layer('web'),
    ],
  },
].map(({ files, patterns }) => ({
  files,
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: patterns.map((p) => ({ regex: p.regex, message: p.message })) },
    ],
  },
}))

// The renderer asks what a session can do (capabilities), never which kind it is (see electron/shared/kinds).
const kindComparison = {
  selector:
    'BinaryExpression[operator=/^[!=]==?$/]:matches([left.value=/^(tcp-client|tcp-server|udp)$/], [right.value=/^(tcp-client|tcp-server|udp)$/]), SwitchCase[test.value=/^(tcp-client|tcp-server|udp)$/]',
  message: 'Ask session.capabilities (or describeKind) instead of comparing session kinds.',
}

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      'bench-results/**',
      'node_modules/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Only safeOpenExternal may open external URLs.
      'no-restricted-properties': [
        'error',
        {
          object: 'shell',
          property: 'openExternal',
          message: 'Use safeOpenExternal from electron/main/external-links.',
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,vue}', 'test/renderer/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['electron/main/external-links.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,vue}'],
    rules: {
      'no-restricted-syntax': ['error', kindComparison],
      'vue/no-restricted-syntax': ['error', kindComparison],
    },
  },
  ...layerRules,
  prettier,
)
