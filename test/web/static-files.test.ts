import { symlink } from 'node:fs/promises'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentTypeOf, resolveInside } from '../../electron/web/static-files'
import { SECRET, startTempHost, type TempHost } from './temp-host'

let web: TempHost

beforeAll(async () => {
  web = await startTempHost()
})
afterAll(async () => {
  await web.dispose()
})

interface Answer {
  status: number
  type: string | undefined
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A raw request: Node's client sends the path exactly as given, `..` and all. */
function get(path: string, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port: web.host.port, path, method }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          type: response.headers['content-type'],
          headers: response.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      )
    })
      .on('error', reject)
      .end()
  })
}

describe('static files', () => {
  it('serves index.html for / and files with their content types', async () => {
    const index = await get('/')
    expect(index).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' })
    expect(index.body).toContain('<title>Socket Workbench</title>')
    expect(await get('/assets/app.js')).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8' })
    expect(await get('/assets/app.css')).toMatchObject({ status: 200, type: 'text/css; charset=utf-8' })
    expect(contentTypeOf('icon.SVG')).toBe('image/svg+xml')
    expect(contentTypeOf('blob.unknown')).toBe('application/octet-stream')
  })

  it('sends headers that stop sniffing, framing and caching', async () => {
    const { headers } = await get('/')
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(headers['x-frame-options']).toBe('DENY')
    expect(headers['content-security-policy']).toBe("frame-ancestors 'none'; style-src 'self'")
    expect(headers['cache-control']).toBe('no-store')
  })

  it('answers HEAD without a body, other methods with 405, missing files with 404', async () => {
    expect(await get('/', 'HEAD')).toMatchObject({ status: 200, body: '' })
    expect(await get('/', 'POST')).toMatchObject({ status: 405 })
    expect(await get('/missing.js')).toMatchObject({ status: 404 })
    expect(await get('/assets')).toMatchObject({ status: 404 })
  })

  it('never serves a file outside the renderer folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/secret.txt%00.js',
      '/%E0%A4%A',
    ]) {
      const answer = await get(path)
      expect(answer.status, path).toBeGreaterThanOrEqual(400)
      expect(answer.body, path).not.toContain(SECRET)
    }
  })

  it('follows no symbolic link out of the renderer folder, and links inside it still work', async () => {
    const renderer = join(web.root, 'renderer')
    await symlink(join(web.root, 'secret.txt'), join(renderer, 'linked-secret.txt'))
    await symlink(web.root, join(renderer, 'linked-dir'))
    await symlink(join(renderer, 'assets', 'app.js'), join(renderer, 'alias.js'))
    for (const path of ['/linked-secret.txt', '/linked-dir/secret.txt']) {
      const answer = await get(path)
      expect(answer.status, path).toBe(404)
      expect(answer.body, path).not.toContain(SECRET)
    }
    expect(await get('/alias.js')).toMatchObject({ status: 200, body: 'console.log("app")' })
  })

  it('maps request paths strictly inside the root', () => {
    expect(resolveInside('/srv/app', '/')).toBe('/srv/app/index.html')
    expect(resolveInside('/srv/app', '/a/b.js')).toBe('/srv/app/a/b.js')
    expect(resolveInside('/srv/app', '/../app2/x')).toBeUndefined()
    expect(resolveInside('/srv/app', '/..%2f..%2fetc/passwd')).toBeUndefined()
    expect(resolveInside('/srv/app', '/a%00')).toBeUndefined()
    expect(resolveInside('/srv/app', '/%zz')).toBeUndefined()
  })
})
