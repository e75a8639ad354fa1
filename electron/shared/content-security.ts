// The CSP meta tag in renderer/index.html serves every mode, the Vite dev server too, which injects <style> tags:
// so it allows inline styles. The built app needs none (Vue sets bound styles through the CSSOM, which CSP does
// not govern), so the desktop app:// protocol and the web host send this policy as a header with every file of
// the built renderer. A page under two policies obeys both: the header takes 'unsafe-inline' away.

/** Extra policy for the built renderer, sent as a Content-Security-Policy header. */
export const BUILT_RENDERER_CSP = "style-src 'self'"
