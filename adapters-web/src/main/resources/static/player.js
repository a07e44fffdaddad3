// The recording player: one component for both views. A 202 is a fatal error for a media element, so the player
// asks with HEAD, at most MAX_ATTEMPTS times, and gives the URL to <audio> only once the recording is ready; the
// element then streams it with range requests (seeking), never as a Blob. After a 202 the next ask carries
// `Prefer: wait=<Retry-After>`: the server holds it and answers the moment the recording is ready, so audio starts at
// Twilio's pace, not at the next poll. A server that doesn't apply it (no Preference-Applied) is polled as
// Retry-After says.
export const MAX_ATTEMPTS = 10;
const DEFAULT_RETRY_MS = 2000;
const MAX_WAIT_SECONDS = 30; // the contract's limit for Prefer: wait

const MESSAGES = {
  call_not_found: () => 'ההקלטה לא נמצאה.',
  recording_unavailable: () => 'ההקלטה אינה קיימת עוד אצל ספק ההקלטות.',
  recording_expired: () => 'פג תוקף ההקלטה: הקלטות נשמרות 7 ימים בלבד.',
  business_forbidden: () => 'אין לך הרשאה להקלטות של עסק זה.',
  unauthenticated: () => 'פג תוקף ההתחברות. יש להתחבר מחדש.',
  provider_unavailable: (seconds) => `ספק ההקלטות אינו זמין כרגע. נסו שוב בעוד ${seconds} שניות.`,
  queue_unavailable: (seconds) => `השירות עמוס כרגע. נסו שוב בעוד ${seconds} שניות.`,
  service_unavailable: (seconds) => `השירות עמוס כרגע. נסו שוב בעוד ${seconds} שניות.`,
};
const BY_STATUS = { 401: 'unauthenticated', 403: 'business_forbidden', 404: 'call_not_found', 410: 'recording_expired',
  503: 'service_unavailable' };

export function preparingMessage(attempt) {
  return `מכין הקלטה... (נסיון ${attempt}/${MAX_ATTEMPTS})`;
}

export function limitedMessage(seconds) {
  return `יותר מדי בקשות כרגע. מנסה שוב בעוד ${seconds} שניות...`;
}

function retryAfterMs(response) {
  const seconds = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_RETRY_MS;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

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

export function createRecordingPlayer(streamUrl, label) {
  const root = document.createElement('div');
  root.className = 'player';
  root.dataset.state = 'idle';

  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'play';
  button.textContent = '▶ השמע';
  button.setAttribute('aria-label', `השמע את הקלטת ${label}`);

  const status = document.createElement('p');
  status.className = 'status';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');

  const audio = document.createElement('audio');
  audio.controls = true;
  audio.preload = 'none';
  audio.hidden = true;
  audio.setAttribute('aria-label', `הקלטת ${label}`);

  root.append(button, status, audio);

  const show = (state, text) => {
    root.dataset.state = state;
    status.textContent = text;
  };

  async function prepare() {
    button.disabled = true;
    let waitSeconds = 0;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      let response;
      try {
        const headers = waitSeconds > 0 ? { Prefer: `wait=${waitSeconds}` } : {};
        response = await fetch(streamUrl, { method: 'HEAD', headers, credentials: 'same-origin', cache: 'no-store' });
      } catch {
        show('error', 'אין חיבור לשרת. נסו שוב.');
        button.disabled = false;
        return;
      }
      if (response.status === 200) {
        show('ready', '');
        button.hidden = true;
        audio.hidden = false;
        audio.src = streamUrl;
        audio.addEventListener('canplay', () => { root.dataset.state = 'playing'; }, { once: true });
        audio.play().catch(() => { /* autoplay may be refused: the controls are there */ });
        audio.focus();
        return;
      }
      if (response.status === 202) {
        show('preparing', preparingMessage(attempt));
        const held = waitSeconds > 0 && response.headers.has('Preference-Applied');
        const askedToWait = waitSeconds > 0;
        waitSeconds = Math.min(MAX_WAIT_SECONDS, Math.ceil(retryAfterMs(response) / 1000));
        // The first 202 is followed at once by a held ask; a held ask that timed out, at once by the next.
        if (askedToWait && !held && attempt < MAX_ATTEMPTS) {
          await sleep(retryAfterMs(response));
        }
        continue;
      }
      if (response.status === 429) {
        // Too many requests for now (this user, or this business's new recordings): wait as asked, and ask again.
        show('limited', limitedMessage(retryAfterMs(response) / 1000));
        waitSeconds = 0;
        if (attempt < MAX_ATTEMPTS) {
          await sleep(retryAfterMs(response));
        }
        continue;
      }
      const problem = await problemOf(streamUrl, response);
      const message = MESSAGES[problem.code] ?? (() => 'לא ניתן להשמיע את ההקלטה.');
      show('error', message(Number.parseInt(problem.retryAfter ?? '', 10) || 30));
      button.disabled = false;
      return;
    }
    show('gave-up', 'ההקלטה עדיין לא מוכנה. נסו שוב בעוד כמה דקות.');
    button.disabled = false;
  }

  button.addEventListener('click', prepare);
  return root;
}
