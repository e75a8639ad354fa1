import { expect, test } from '../helpers/web-host'
import { Workbench, screenshotBothThemes } from './workbench'

test('the empty app offers the New session form and follows the OS theme', async ({ app }) => {
  const workbench = new Workbench(app)
  await expect(workbench.form).toBeVisible()
  const { light, dark } = await screenshotBothThemes(app, 'empty-app')
  expect(light.equals(dark), 'the light and dark screenshots differ').toBe(false)

  await workbench.chooseMode('TCP server')
  await expect(workbench.form.getByRole('button', { name: /^\s*listen\s*$/i })).toBeVisible()
})
