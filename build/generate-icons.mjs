// Regenerates every packaging icon from the one source, build/icon.svg: `npm run icons`.
// An optional argument names another output folder (the icon test regenerates into a temp folder).
// Each size is rendered from the vector (not downscaled from a bitmap) so small icons stay crisp.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Resvg } from '@resvg/resvg-js'
import { IconIcns, IconIco } from '@shockpkg/icon-encoder'

const buildDir = dirname(fileURLToPath(import.meta.url))
const outDir = process.argv[2] ?? buildDir

/** Linux icon theme sizes; electron-builder reads them from build/icons/<N>x<N>.png. */
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512]
/** Windows picks the closest entry; 256 is the largest an .ico holds. */
const ICO_SIZES = [256, 128, 64, 48, 32, 24, 16]
/** macOS types per pixel size, as iconutil writes them (the @2x types share a bitmap with a 1x size). */
const ICNS_TYPES = [
  [16, ['ic04']],
  [32, ['ic05', 'ic11']],
  [64, ['ic12']],
  [128, ['ic07']],
  [256, ['ic08', 'ic13']],
  [512, ['ic09', 'ic14']],
  [1024, ['ic10']],
]

const svg = await readFile(join(buildDir, 'icon.svg'))
const renderedPngs = new Map()

/** The icon as a PNG of size×size pixels, rendered once per size. */
function png(size) {
  if (!renderedPngs.has(size)) {
    const rendered = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render()
    renderedPngs.set(size, rendered.asPng())
  }
  return renderedPngs.get(size)
}

async function write(relativePath, data) {
  const path = join(outDir, relativePath)
  await writeFile(path, data)
  console.log(`icons: wrote ${path}`)
}

await mkdir(join(outDir, 'icons'), { recursive: true })
await write('icon.png', png(1024))
for (const size of LINUX_SIZES) await write(`icons/${size}x${size}.png`, png(size))

const ico = new IconIco()
for (const size of ICO_SIZES) await ico.addFromPng(png(size))
await write('icon.ico', ico.encode())

const icns = new IconIcns()
icns.toc = true
for (const [size, types] of ICNS_TYPES) await icns.addFromPng(png(size), types)
await write('icon.icns', icns.encode())
