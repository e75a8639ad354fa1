import { expect, test } from '../helpers/web-host'
import { canBindTcp, freeTcpPort } from './peers'
import { Workbench } from './workbench'

for (const [what, suffix] of [
  ['without the token', '/'],
  ['with a wrong token', '/#token=not-the-token'],
] as const) {
  test(`a page ${what} cannot open a socket`, async ({ page, webHost }) => {
    await page.goto(`${webHost.origin}${suffix}`)
    const workbench = new Workbench(page)
    const port = await freeTcpPort()
    await workbench.listen('127.0.0.1', port)
    await expect(page.getByRole('alert').first()).toBeVisible()
    await expect(
      page.getByRole('listitem', { name: /listening/i }).or(page.getByRole('tab', { name: /listening/i })),
    ).toHaveCount(0)
    expect(await canBindTcp(port)).toBe(true)

    // Even a script in that page is turned away by the host.
    const url = `ws://127.0.0.1:${webHost.port}/ws?token=not-the-token`
    const outcome = await page.evaluate(`new Promise((resolve) => {
      const socket = new WebSocket(${JSON.stringify(url)})
      socket.onopen = () => resolve('open')
      socket.onclose = (event) => resolve('closed ' + event.code)
    })`)
    expect(outcome).toBe('closed 1006')
    expect(webHost.stderr()).toMatch(/refused WebSocket .*(missing|wrong) token/)
  })
}
