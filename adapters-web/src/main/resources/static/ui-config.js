// What the page needs to know from the server before anyone signs in (GET /ui/config), asked once per page.
const DEFAULTS = { signInUrl: null, stalledDownloadGiveUpSeconds: 20, retentionDays: 7 };

let config = null;

/** The server's UI settings, with defaults for any it did not give (or if it could not be asked). */
export function uiConfig() {
  config ??= fetch('/ui/config', { cache: 'no-store' }).then((response) => response.json())
    .then((given) => ({ ...DEFAULTS, ...Object.fromEntries(Object.entries(given).filter(([, value]) => value != null)) }))
    .catch(() => DEFAULTS);
  return config;
}
