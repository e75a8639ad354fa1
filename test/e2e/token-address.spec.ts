import { expect, test } from '../helpers/web-host'
import { freeTcpPort } from './peers'
import { Workbench } from './workbench'

// The token leaves the address bar once the page has it (no history entry, bookmark or screenshot shows it), a
// reload still connects, and the narrowed CSP (connect-src 'self', no ws:) still lets web mode's socket through.

test('the token leaves the address bar, and the page still works after a reload', async ({
  app,
  webHost,
}) => {
  await expect.poll(() => app.url()).toBe(`${webHost.origin}/`)
  const violations: string[] = []
  app.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
  })

  await app.reload()
  expect(app.url()).toBe(`${webHost.origin}/`)
  const workbench = new Workbench(app)
  const session = await workbench.listen('127.0.0.1', await freeTcpPort())
  await session.expectState('listening')
  // The entry before this page is the blank tab Playwright started from, not an address with the token.
  await app.goBack()
  expect(app.url()).not.toContain('token')
  expect(violations).toEqual([])
})
