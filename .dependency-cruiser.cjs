/** Indirect imports: the layer table of ARCHITECTURE.md, checked over the whole import graph. */
const forbidReach = (name, fromPath, toPath, comment) => ({
  name,
  severity: 'error',
  comment,
  from: { path: fromPath },
  to: { path: toPath, reachable: true },
})

module.exports = {
  forbidden: [
    forbidReach('shared-stays-isomorphic', '^electron/shared', '^(electron/(core|main|preload|web)|renderer)/', 'shared is imported by every layer'),
    {
      name: 'shared-no-node',
      severity: 'error',
      from: { path: '^electron/shared' },
      to: { dependencyTypes: ['core'] },
    },
    forbidReach('core-no-electron-layers', '^electron/core', '^(electron/(main|preload|web)|renderer)/', 'core is plain Node'),
    {
      name: 'core-no-electron',
      severity: 'error',
      from: { path: '^(electron/(core|web|shared|cli)|renderer)/' },
      to: { path: '^electron$|node_modules/electron/' },
    },
    forbidReach('web-no-main', '^electron/web', '^(electron/(main|preload)|renderer)/', 'web mode runs without Electron'),
    forbidReach('cli-no-electron-layers', '^electron/cli', '^(electron/(main|preload|web)|renderer)/', 'the CLI is plain Node'),
    forbidReach('preload-only-shared', '^electron/preload', '^(electron/(core|main|web)|renderer)/', 'the preload is sandboxed'),
    {
      name: 'preload-no-node',
      severity: 'error',
      from: { path: '^electron/preload' },
      to: { dependencyTypes: ['core'] },
    },
    forbidReach('main-no-renderer', '^electron/main', '^(renderer|electron/(preload|web))/', 'main never loads renderer code'),
    forbidReach('renderer-no-backend', '^renderer', '^electron/(core|main|preload|web)/', 'the renderer talks through SocketApi only'),
    {
      name: 'renderer-no-node',
      severity: 'error',
      from: { path: '^renderer' },
      to: { dependencyTypes: ['core'] },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.vue', '.js', '.mjs', '.cjs', '.json'] },
  },
}
