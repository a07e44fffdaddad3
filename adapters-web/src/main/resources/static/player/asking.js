// Asking for a recording until it can play.
//
// A 202 is a fatal error for a media element, so the player asks with HEAD and gives the URL to <audio> only once the
// recording can play: stored, or far enough into its download (the server then answers ranges as the bytes arrive);
// the element streams it with range requests (seeking), never as a Blob. After a 202 the next ask carries
// `Prefer: wait=<Retry-After>`: the server holds it and answers the moment audio can start, so audio starts at
// Twilio's pace, not at the next poll. A server that doesn't apply it (no Preference-Applied) is polled as Retry-After
// says. While it waits the player shows the download's progress (from the status), and it gives up only when the
// download has not advanced for the server's stalledDownloadGiveUpSeconds; attempts are counted since it last did.
import { uiConfig } from '../ui-config.js';

export const MAX_ATTEMPTS = 10;
const DEFAULT_RETRY_MS = 2000;
const MAX_WAIT_SECONDS = 30; // the contract's limit for Prefer: wait

// Each takes {retryAfter, retentionDays}.
const MESSAGES = {
  call_not_found: () => 'ההקלטה לא נמצאה.',
  recording_unavailable: () => 'ההקלטה אינה קיימת עוד אצל ספק ההקלטות.',
  recording_expired: ({ retentionDays }) => `פג תוקף ההקלטה: הקלטות נשמרות ${retentionDays} ימים בלבד.`,
  business_forbidden: () => 'אין לך הרשאה להקלטות של עסק זה.',
  unauthenticated: () => 'פג תוקף ההתחברות. יש להתחבר מחדש.',
  provider_unavailable: ({ retryAfter }) => `ספק ההקלטות אינו זמין כרגע. נסו שוב בעוד ${retryAfter} שניות.`,
  queue_unavailable: ({ retryAfter }) => `השירות עמוס כרגע. נסו שוב בעוד ${retryAfter} שניות.`,
  service_unavailable: ({ retryAfter }) => `השירות עמוס כרגע. נסו שוב בעוד ${retryAfter} שניות.`,
  storage_unavailable: ({ retryAfter }) => `אחסון ההקלטות אינו זמין כרגע. נסו שוב בעוד ${retryAfter} שניות.`,
};
const BY_STATUS = { 401: 'unauthenticated', 403: 'business_forbidden', 404: 'call_not_found', 410: 'recording_expired',
  503: 'service_unavailable' };

export function preparingMessage(attempt) {
  return `מכין הקלטה... (נסיון ${Math.min(attempt, MAX_ATTEMPTS)}/${MAX_ATTEMPTS})`;
}

/** While the download's length is known: how much of it has arrived. */
export function progressMessage(receivedBytes, totalBytes) {
  return `מכין הקלטה... ${Math.floor((100 * receivedBytes) / totalBytes)}%`;
}

export function stalledMessage(seconds) {
  return `ההקלטה עדיין לא מוכנה: ההורדה לא התקדמה ${seconds} שניות. נסו שוב בעוד כמה דקות.`;
}

/** How far the recording's download has come, from its status: {received, total} (total may be null), or null. */
async function downloadProgress(statusUrl) {
  try {
    const status = await (await fetch(statusUrl, { credentials: 'same-origin', cache: 'no-store' })).json();
    return Number.isFinite(status.receivedBytes) ? { received: status.receivedBytes, total: status.totalBytes } : null;
  } catch {
    return null;
  }
}

export function limitedMessage(seconds) {
  return `יותר מדי בקשות כרגע. מנסה שוב בעוד ${seconds} שניות...`;
}

export function retryAfterMs(response) {
  const seconds = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_RETRY_MS;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** HEAD answers carry no body: read the problem's code with a GET (a small JSON document). */
async function problemOf(streamUrl, response) {
  try {
    const full = await fetch(streamUrl, { credentials: 'same-origin', cache: 'no-store' });
    if ((full.headers.get('Content-Type') ?? '').includes('json')) {
      const problem = await full.json();
      return { code: problem.code, retryAfter: full.headers.get('Retry-After') };
    }
    full.body?.cancel();
  } catch {
    // fall back on the status of the HEAD answer
  }
  return { code: BY_STATUS[response.status], retryAfter: response.headers.get('Retry-After') };
}

/**
 * Asks with HEAD until the recording can play (true), or says why it can't through {@code show(state, text)} (false):
 * a 202 is followed by a held ask, and the ask gives up only once the download has stopped advancing.
 */
export async function askUntilReady(streamUrl, statusUrl, show) {
  const config = await uiConfig();
  const giveUpMs = config.stalledDownloadGiveUpSeconds * 1000;
  let waitSeconds = 0;
  let received = -1;
  let advancedAt = Date.now();
  for (let attempt = 1; ; attempt++) {
    let response;
    try {
      const headers = waitSeconds > 0 ? { Prefer: `wait=${waitSeconds}` } : {};
      response = await fetch(streamUrl, { method: 'HEAD', headers, credentials: 'same-origin', cache: 'no-store' });
    } catch {
      show('error', 'אין חיבור לשרת. נסו שוב.');
      return false;
    }
    if (response.status === 200) {
      return true;
    }
    if (response.status === 202) {
      const progress = await downloadProgress(statusUrl);
      if (progress && progress.received > received) {
        received = progress.received;
        advancedAt = Date.now();
        attempt = 1;
      }
      if (attempt >= MAX_ATTEMPTS && Date.now() - advancedAt >= giveUpMs) {
        show('gave-up', stalledMessage(Math.round((Date.now() - advancedAt) / 1000)));
        return false;
      }
      show('preparing', progress?.total ? progressMessage(progress.received, progress.total)
        : preparingMessage(attempt));
      const held = waitSeconds > 0 && response.headers.has('Preference-Applied');
      const askedToWait = waitSeconds > 0;
      waitSeconds = Math.min(MAX_WAIT_SECONDS, Math.ceil(retryAfterMs(response) / 1000));
      // The first 202 is followed at once by a held ask; a held ask that timed out, at once by the next.
      if (askedToWait && !held) {
        await sleep(retryAfterMs(response));
      }
      continue;
    }
    if (response.status === 429) {
      // Too many requests for now (this user, or this business's new recordings): wait as asked, and ask again.
      show('limited', limitedMessage(retryAfterMs(response) / 1000));
      waitSeconds = 0;
      if (attempt >= MAX_ATTEMPTS) {
        show('gave-up', 'ההקלטה עדיין לא מוכנה. נסו שוב בעוד כמה דקות.');
        return false;
      }
      await sleep(retryAfterMs(response));
      continue;
    }
    const problem = await problemOf(streamUrl, response);
    const message = MESSAGES[problem.code] ?? (() => 'לא ניתן להשמיע את ההקלטה.');
    show('error', message({ retryAfter: Number.parseInt(problem.retryAfter ?? '', 10) || 30,
      retentionDays: config.retentionDays }));
    return false;
  }
}
