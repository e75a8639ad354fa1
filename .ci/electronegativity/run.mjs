// Runs electronegativity from its own isolated install over electron/ and renderer/index.html and fails on any
// finding of MEDIUM severity or above. Deliberate exceptions are suppressed inline in the source, with a reason.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const bin = join(here, 'node_modules', '.bin', 'electronegativity')
const failingSeverities = new Set(['MEDIUM', 'HIGH', 'CRITICAL'])

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options })
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr)
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`)
  }
  return result
}

if (!existsSync(bin)) {
  console.log('electronegativity: installing its pinned version in .ci/electronegativity (isolated from the project)')
  run('npm', ['ci', '--no-audit', '--no-fund', '--prefix', here], { stdio: 'inherit' })
}

// Scan a copy holding exactly the sources named by the security checklist.
const stage = mkdtempSync(join(tmpdir(), 'electronegativity-'))
try {
  cpSync(join(root, 'electron'), join(stage, 'electron'), { recursive: true })
  cpSync(join(root, 'renderer', 'index.html'), join(stage, 'renderer', 'index.html'))
  const csv = join(stage, 'findings.csv')
  const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version
  const scan = run(bin, ['-i', stage, '-e', electronVersion, '-r', '-v', 'false', '-o', csv])
  const unparsed = scan.stdout.split('\n').filter((line) => /error|unable to parse/i.test(line))
  const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1)
  const findings = rows
    .map((row) => row.split(','))
    .filter((cells) => failingSeverities.has(cells[1]?.replaceAll('"', '')))
  for (const cells of findings) console.log(`electronegativity: ${cells[0]} ${cells[1]} ${cells[3]} ${cells[4]}`)
  for (const line of unparsed) console.log(`electronegativity: ${line}`)
  if (findings.length > 0 || unparsed.length > 0) {
    console.log(`electronegativity: ${findings.length} finding(s) of medium severity or above, ${unparsed.length} parse problem(s)`)
    process.exitCode = 1
  } else {
    console.log(`electronegativity: no finding of medium severity or above (${rows.length} low/informational)`)
  }
} finally {
  rmSync(stage, { recursive: true, force: true })
}
