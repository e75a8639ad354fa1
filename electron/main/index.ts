// Placeholder entry: replaced by the Electron shell (issue 3).
import { app } from 'electron'

void app.whenReady()
