// The recording player: one component for both views, built for reviewing calls: the waveform (from the peaks) to see
// where the speech is and to seek on, speed, skipping, the keyboard, a download, and resuming where the user stopped.
//
// A 202 is a fatal error for a media element, so the player asks with HEAD and gives the URL to <audio> only once the
// recording can play: stored, or far enough into its download (the server then answers ranges as the bytes arrive);
// the element streams it with range requests (seeking), never as a Blob. After a 202 the next ask carries
// `Prefer: wait=<Retry-After>`: the server holds it and answers the moment audio can start, so audio starts at
// Twilio's pace, not at the next poll. A server that doesn't apply it (no Preference-Applied) is polled as Retry-After
// says. While it waits the player shows the download's progress (from the status), and it gives up only when the
// download has not advanced for the server's stalledDownloadGiveUpSeconds; attempts are counted since it last did.
export const MAX_ATTEMPTS = 10;
const DEFAULT_GIVE_UP_SECONDS = 20;
const DEFAULT_RETRY_MS = 2000;
const MAX_WAIT_SECONDS = 30; // the contract's limit for Prefer: wait
const PEAKS_WAIT_SECONDS = 10; // a ready recording's peaks are computed in well under a second per minute of audio
const PEAKS_ATTEMPTS = 3;

export const SPEEDS = [0.75, 1, 1.25, 1.5, 2];
const SKIP_SECONDS = 10;
const ARROW_SECONDS = 5;
/** A position this close to the start or the end is not worth offering to resume from. */
const RESUME_MARGIN_SECONDS = 5;
const POSITION_SAVE_INTERVAL_MS = 2000;

const MESSAGES = {
  call_not_found: () => 'ההקלטה לא נמצאה.',
  recording_unavailable: () => 'ההקלטה אינה קיימת עוד אצל ספק ההקלטות.',
  recording_expired: () => 'פג תוקף ההקלטה: הקלטות נשמרות 7 ימים בלבד.',
  business_forbidden: () => 'אין לך הרשאה להקלטות של עסק זה.',
  unauthenticated: () => 'פג תוקף ההתחברות. יש להתחבר מחדש.',
  provider_unavailable: (seconds) => `ספק ההקלטות אינו זמין כרגע. נסו שוב בעוד ${seconds} שניות.`,
  queue_unavailable: (seconds) => `השירות עמוס כרגע. נסו שוב בעוד ${seconds} שניות.`,
  service_unavailable: (seconds) => `השירות עמוס כרגע. נסו שוב בעוד ${seconds} שניות.`,
  storage_unavailable: (seconds) => `אחסון ההקלטות אינו זמין כרגע. נסו שוב בעוד ${seconds} שניות.`,
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

let giveUpSeconds = null;
/** The server's stalledDownloadGiveUpSeconds, asked once per page. */
async function stalledDownloadGiveUpSeconds() {
  giveUpSeconds ??= fetch('/ui/config', { cache: 'no-store' }).then((response) => response.json())
    .then((config) => config.stalledDownloadGiveUpSeconds || DEFAULT_GIVE_UP_SECONDS)
    .catch(() => DEFAULT_GIVE_UP_SECONDS);
  return giveUpSeconds;
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

/** Unicode isolation: a phone number's "+" stays with its digits inside right-to-left text. */
export const isolate = (text) => `\u2068${text}\u2069`;

export function formatTime(seconds) {
  const whole = Math.max(0, Math.floor(Number.isFinite(seconds) ? seconds : 0));
  const two = (n) => String(n).padStart(2, '0');
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  return hours > 0 ? `${hours}:${two(minutes)}:${two(whole % 60)}` : `${minutes}:${two(whole % 60)}`;
}

/** The name a download is saved under: the call's local date and time, then its SID, so that names sort by time. */
export function downloadName(callSid, startedAt) {
  if (!startedAt) {
    return `${callSid}.mp3`;
  }
  const at = new Date(startedAt);
  const two = (n) => String(n).padStart(2, '0');
  return `call-${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}_${two(at.getHours())}-`
    + `${two(at.getMinutes())}_${callSid}.mp3`;
}

/**
 * Twilio records a two-party call's parent leg in the first channel and the dialled leg in the second: on an inbound
 * call the customer called and the agent was dialled; on an outbound one the other way round.
 */
export function laneLabels(channels, direction) {
  if (channels !== 2) {
    return [];
  }
  return direction === 'outbound' ? ['נציג', 'לקוח'] : ['לקוח', 'נציג'];
}

const positionKey = (callSid) => `recstream.position.${callSid}`;

/** Where the user stopped in this recording, if worth resuming from; local storage may be refused (privacy modes). */
function storedPosition(callSid) {
  try {
    const seconds = Number.parseFloat(localStorage.getItem(positionKey(callSid)) ?? '');
    return Number.isFinite(seconds) && seconds >= RESUME_MARGIN_SECONDS ? seconds : null;
  } catch {
    return null;
  }
}

function storePosition(callSid, seconds, duration) {
  try {
    const worthResuming = seconds >= RESUME_MARGIN_SECONDS && !(duration - seconds < RESUME_MARGIN_SECONDS);
    if (worthResuming) {
      localStorage.setItem(positionKey(callSid), seconds.toFixed(1));
    } else {
      localStorage.removeItem(positionKey(callSid));
    }
  } catch {
    // nothing to remember with: the offer is a convenience
  }
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

/**
 * The peaks (audiowaveform's JSON layout), or null: the player works without a waveform, on a plain track. Asked for
 * once the recording is ready; a waveform still being computed answers 202, and the next ask is held until it is kept.
 */
async function fetchPeaks(peaksUrl) {
  let waitSeconds = 0;
  for (let attempt = 1; attempt <= PEAKS_ATTEMPTS; attempt++) {
    try {
      const headers = waitSeconds > 0 ? { Prefer: `wait=${waitSeconds}` } : {};
      const response = await fetch(peaksUrl, { headers, credentials: 'same-origin' });
      if (response.status === 200) {
        return await response.json();
      }
      if (response.status !== 202) {
        return null;
      }
      if (waitSeconds > 0 && !response.headers.has('Preference-Applied')) {
        await sleep(retryAfterMs(response));
      }
      waitSeconds = PEAKS_WAIT_SECONDS;
    } catch {
      return null;
    }
  }
  return null;
}

const element = (tag, className, attributes = {}) => {
  const created = document.createElement(tag);
  created.className = className;
  for (const [name, value] of Object.entries(attributes)) {
    created.setAttribute(name, value);
  }
  return created;
};

/**
 * The waveform, one lane per channel, drawn at the canvas's width from the peaks' min/max pairs; the part before
 * {@code progress} (0 to 1) in the played colour. Without peaks it is a plain track.
 */
function createWaveform(canvas) {
  let peaks = null;
  let columns = null; // per canvas column and channel, [low, high]: recomputed only when the width changes

  function envelope(width) {
    if (columns?.width === width) {
      return columns;
    }
    const { channels, length, data } = peaks;
    const values = new Int16Array(width * channels * 2);
    for (let x = 0; x < width; x++) {
      const from = Math.floor((x * length) / width);
      const to = Math.max(from + 1, Math.floor(((x + 1) * length) / width));
      for (let channel = 0; channel < channels; channel++) {
        let low = 127;
        let high = -128;
        for (let pixel = from; pixel < to; pixel++) {
          const at = 2 * (pixel * channels + channel);
          low = Math.min(low, data[at]);
          high = Math.max(high, data[at + 1]);
        }
        values[2 * (x * channels + channel)] = low;
        values[2 * (x * channels + channel) + 1] = high;
      }
    }
    columns = { width, values };
    return columns;
  }

  function draw(progress) {
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(canvas.clientWidth * ratio));
    const height = Math.max(1, Math.round(canvas.clientHeight * ratio));
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    const context = canvas.getContext('2d');
    context.clearRect(0, 0, width, height);
    const style = getComputedStyle(canvas);
    const played = style.getPropertyValue('--played').trim() || '#0a5bd3';
    const unplayed = style.getPropertyValue('--unplayed').trim() || '#b9c3d3';
    const playedUpTo = Math.round(progress * width);
    if (!peaks) {
      context.fillStyle = unplayed;
      context.fillRect(0, height / 2 - ratio, width, 2 * ratio);
      context.fillStyle = played;
      context.fillRect(0, height / 2 - ratio, playedUpTo, 2 * ratio);
      return;
    }
    const { values } = envelope(width);
    const lane = height / peaks.channels;
    const scale = lane / 2 / 128;
    for (let channel = 0; channel < peaks.channels; channel++) {
      const middle = lane * (channel + 0.5);
      for (let x = 0; x < width; x++) {
        const low = values[2 * (x * peaks.channels + channel)];
        const high = values[2 * (x * peaks.channels + channel) + 1];
        const top = middle - Math.max(high, 1) * scale;
        context.fillStyle = x < playedUpTo ? played : unplayed;
        context.fillRect(x, top, 1, Math.max(1, middle - Math.min(low, -1) * scale - top));
      }
    }
  }

  return {
    draw,
    show(newPeaks) {
      peaks = newPeaks;
      columns = null;
    },
    duration: () => (peaks ? (peaks.length * peaks.samples_per_pixel) / peaks.sample_rate : NaN),
  };
}

/**
 * A recording's player.
 *
 * @param recording {callSid, streamUrl, label, startedAt, direction, durationSeconds, ready}: ready when the calls
 *   list said the recording is cached, so that its waveform is drawn before anyone presses play
 */
export function createRecordingPlayer(recording) {
  const { callSid, streamUrl, label, direction } = recording;
  const peaksUrl = streamUrl.replace('/stream?', '/peaks?');
  const statusUrl = streamUrl.replace('/stream?', '/status?');

  const root = element('div', 'player');
  root.dataset.state = 'idle';

  const start = element('div', 'start');
  const button = element('button', 'play', { type: 'button', 'aria-label': `השמע את הקלטת ${label}` });
  button.textContent = '▶ השמע';
  start.append(button);
  const resumeFrom = storedPosition(callSid);
  const resume = element('button', 'resume', { type: 'button' });
  if (resumeFrom !== null) {
    resume.textContent = `המשך מ-${formatTime(resumeFrom)}`;
    resume.setAttribute('aria-label', `המשך את הקלטת ${label} מהמקום שבו עצרת, ${formatTime(resumeFrom)}`);
    start.append(resume);
  }

  const status = element('p', 'status', { role: 'status', 'aria-live': 'polite' });

  // The media timeline runs left to right, as media timelines do in right-to-left interfaces.
  const deck = element('div', 'deck', { dir: 'ltr' });
  deck.hidden = true;
  const wave = element('div', 'wave', { role: 'slider', tabindex: '0', 'aria-label': `ציר הזמן של ${label}`,
    'aria-valuemin': '0', 'aria-valuemax': '0', 'aria-valuenow': '0' });
  const canvas = element('canvas', 'lanes');
  const labels = element('div', 'lane-labels', { dir: 'rtl', 'aria-hidden': 'true' });
  wave.append(canvas, labels);
  const waveform = createWaveform(canvas);

  const controls = element('div', 'controls');
  const back = element('button', 'back', { type: 'button', 'aria-label': 'אחורה 10 שניות' });
  back.textContent = '↺ 10';
  const toggle = element('button', 'toggle', { type: 'button', 'aria-label': 'השמע' });
  toggle.textContent = '▶';
  const forward = element('button', 'forward', { type: 'button', 'aria-label': 'קדימה 10 שניות' });
  forward.textContent = '10 ↻';
  const time = element('span', 'time', { 'aria-hidden': 'true' });
  const speed = element('select', 'speed', { 'aria-label': 'מהירות השמעה' });
  for (const rate of SPEEDS) {
    const option = element('option', '', { value: String(rate) });
    option.textContent = `${rate}×`;
    option.selected = rate === 1;
    speed.append(option);
  }
  const download = element('a', 'download', { href: streamUrl, download: downloadName(callSid, recording.startedAt),
    'aria-label': `הורדת הקלטת ${label}` });
  download.textContent = '⬇ הורדה';
  download.hidden = !recording.ready;
  controls.append(back, toggle, forward, time, speed, download);
  deck.append(wave, controls);

  const audio = element('audio', '', { 'aria-label': `הקלטת ${label}` });
  audio.preload = 'none';
  audio.hidden = true;

  root.append(start, status, deck, audio);

  const show = (state, text) => {
    root.dataset.state = state;
    status.textContent = text;
  };

  const hasAudio = () => audio.hasAttribute('src');
  const duration = () => {
    const known = [audio.duration, waveform.duration(), recording.durationSeconds];
    return known.find((seconds) => Number.isFinite(seconds) && seconds > 0) ?? 0;
  };
  let previewAt = null; // where a drag on the waveform is, before it lands
  const position = () => previewAt ?? (hasAudio() ? audio.currentTime : 0);

  function render() {
    const total = duration();
    const at = Math.min(position(), total);
    waveform.draw(total > 0 ? at / total : 0);
    time.textContent = `${formatTime(at)} / ${formatTime(total)}`;
    wave.setAttribute('aria-valuemax', String(Math.round(total)));
    wave.setAttribute('aria-valuenow', String(Math.round(at)));
    wave.setAttribute('aria-valuetext', `${formatTime(at)} מתוך ${formatTime(total)}`);
  }

  let frame = 0;
  const animate = () => {
    render();
    frame = audio.paused ? 0 : requestAnimationFrame(animate);
  };
  new ResizeObserver(() => render()).observe(canvas);

  let peaksRequested = false;
  async function loadPeaks() {
    if (peaksRequested) {
      return;
    }
    peaksRequested = true;
    const peaks = await fetchPeaks(peaksUrl);
    waveform.show(peaks);
    labels.replaceChildren(...laneLabels(peaks?.channels, direction).map((text) => {
      const lane = element('span', 'lane-label');
      lane.textContent = text;
      return lane;
    }));
    root.dataset.waveform = peaks ? 'drawn' : 'plain';
    root.dataset.channels = String(peaks?.channels ?? 1);
    deck.hidden = false;
    render();
  }

  /** Where Play starts: 0, or where a play was cut off. */
  let retryFrom = 0;

  function startAudio(startAt) {
    retryFrom = 0;
    show('ready', '');
    start.hidden = true;
    deck.hidden = false;
    download.hidden = false;
    audio.defaultPlaybackRate = Number(speed.value);
    audio.src = streamUrl;
    if (startAt > 0) {
      audio.addEventListener('loadedmetadata', () => { audio.currentTime = startAt; }, { once: true });
    }
    audio.addEventListener('canplay', () => { root.dataset.state = 'playing'; }, { once: true });
    audio.play().catch(() => { /* autoplay may be refused: the play control is there */ });
    render();
  }

  let preparing = false;
  async function prepare(startAt = 0) {
    if (preparing) {
      return;
    }
    preparing = true;
    button.disabled = true;
    resume.disabled = true;
    try {
      await askUntilReady(startAt);
    } finally {
      preparing = false;
      button.disabled = false;
      resume.disabled = false;
    }
  }

  async function askUntilReady(startAt) {
    const giveUpMs = (await stalledDownloadGiveUpSeconds()) * 1000;
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
        return;
      }
      if (response.status === 200) {
        loadPeaks();
        startAudio(startAt);
        return;
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
          return;
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
          return;
        }
        await sleep(retryAfterMs(response));
        continue;
      }
      const problem = await problemOf(streamUrl, response);
      const message = MESSAGES[problem.code] ?? (() => 'לא ניתן להשמיע את ההקלטה.');
      show('error', message(Number.parseInt(problem.retryAfter ?? '', 10) || 30));
      return;
    }
  }

  /** Seeks, or starts the recording there when it is not loaded yet. */
  function seekTo(seconds) {
    const target = Math.max(0, Math.min(seconds, duration() || seconds));
    if (hasAudio()) {
      audio.currentTime = target;
      render();
    } else {
      prepare(target);
    }
  }

  function playOrPause() {
    if (!hasAudio()) {
      prepare(0);
    } else if (audio.paused) {
      audio.play().catch(() => {});
    } else {
      audio.pause();
    }
  }

  function stepSpeed(step) {
    const at = SPEEDS.indexOf(Number(speed.value));
    speed.value = String(SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, at + step))]);
    speed.dispatchEvent(new Event('change'));
  }

  button.addEventListener('click', () => prepare(retryFrom));
  resume.addEventListener('click', () => prepare(resumeFrom));
  toggle.addEventListener('click', playOrPause);
  back.addEventListener('click', () => seekTo(position() - SKIP_SECONDS));
  forward.addEventListener('click', () => seekTo(position() + SKIP_SECONDS));
  speed.addEventListener('change', () => {
    audio.defaultPlaybackRate = Number(speed.value);
    audio.playbackRate = Number(speed.value);
  });

  // Click or drag on the waveform: the cursor follows the pointer, and the recording seeks where it is let go.
  const fractionAt = (event) => {
    const box = wave.getBoundingClientRect();
    return Math.max(0, Math.min(1, (event.clientX - box.left) / box.width));
  };
  wave.addEventListener('pointerdown', (event) => {
    wave.setPointerCapture(event.pointerId);
    previewAt = fractionAt(event) * duration();
    render();
  });
  wave.addEventListener('pointermove', (event) => {
    if (previewAt !== null) {
      previewAt = fractionAt(event) * duration();
      render();
    }
  });
  wave.addEventListener('pointerup', (event) => {
    if (previewAt !== null) {
      previewAt = null;
      seekTo(fractionAt(event) * duration());
    }
  });
  wave.addEventListener('pointercancel', () => {
    previewAt = null;
    render();
  });

  root.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    const native = event.target.closest('button, select, a');
    const actions = {
      ' ': native ? null : playOrPause, // a focused button or list answers space itself
      ArrowLeft: event.target.matches('select') ? null : () => seekTo(position() - ARROW_SECONDS),
      ArrowRight: event.target.matches('select') ? null : () => seekTo(position() + ARROW_SECONDS),
      Home: native ? null : () => seekTo(0),
      End: native ? null : () => seekTo(duration()),
      '[': () => stepSpeed(-1),
      ']': () => stepSpeed(1),
    };
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });

  let savedAt = 0;
  const remember = () => {
    savedAt = Date.now();
    storePosition(callSid, audio.currentTime, duration());
  };
  audio.addEventListener('play', () => {
    toggle.textContent = '❚❚';
    toggle.setAttribute('aria-label', 'השהה');
    cancelAnimationFrame(frame);
    animate();
  });
  audio.addEventListener('pause', () => {
    toggle.textContent = '▶';
    toggle.setAttribute('aria-label', 'השמע');
    remember();
    render();
  });
  audio.addEventListener('timeupdate', () => {
    if (Date.now() - savedAt > POSITION_SAVE_INTERVAL_MS) {
      remember();
    }
  });
  audio.addEventListener('error', () => {
    if (!hasAudio()) {
      return;
    }
    // The answer broke off (its download failed mid-way, the token expired): say so; Play asks again from here.
    retryFrom = audio.currentTime;
    audio.removeAttribute('src');
    audio.load();
    start.hidden = false;
    show('interrupted', 'ההשמעה נקטעה. לחצו ▶ השמע כדי לנסות שוב.');
  });
  audio.addEventListener('seeked', render);
  audio.addEventListener('loadedmetadata', render);
  window.addEventListener('pagehide', () => hasAudio() && remember());

  if (recording.ready) {
    loadPeaks();
  }
  return root;
}
