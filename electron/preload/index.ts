// Placeholder entry: replaced by the sandboxed preload (issue 3).
import { contextBridge } from 'electron'

contextBridge.exposeInMainWorld('socketApi', {})
