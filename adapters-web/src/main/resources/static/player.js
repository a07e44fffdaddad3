// The recording player: one component for both views, built for reviewing calls: the waveform (from the peaks) to see
// where the speech is and to seek on, speed, skipping, the keyboard, a download, and resuming where the user stopped.
// Its parts are modules of their own: asking for the recording, the waveform, the keys, resuming, formatting.
import { askUntilReady } from './player/asking.js';
import { downloadName, formatTime } from './player/format.js';
import { bindKeys } from './player/keyboard.js';
import { storePosition, storedPosition } from './player/resume.js';
import { createWaveform, fetchPeaks, laneLabels } from './player/waveform.js';
import { uiConfig } from './ui-config.js';

export { isolate } from './player/format.js';

export const SPEEDS = [0.75, 1, 1.25, 1.5, 2];
const SKIP_SECONDS = 10;
const POSITION_SAVE_INTERVAL_MS = 2000;

// One recording plays at a time: starting one pauses any other on the page.
document.addEventListener('play', (event) => {
  for (const other of document.querySelectorAll('audio')) {
    if (other !== event.target && !other.paused) {
      other.pause();
    }
  }
}, true);

const element = (tag, className, attributes = {}) => {
  const created = document.createElement(tag);
  created.className = className;
  for (const [name, value] of Object.entries(attributes)) {
    created.setAttribute(name, value);
  }
  return created;
};

/**
 * A recording's player.
 *
 * @param recording {callSid, streamUrl, label, startedAt, direction, durationSeconds, ready, note}: ready when the calls
 *   list said the recording is cached, so that its waveform is drawn before anyone presses play; note, what the row
 *   says before the first play (why the last download failed)
 *
 * It offers one play control at a time: Play (or resume) until the audio is loaded, then the deck's play/pause; after
 * an error or a stall mid-play, a retry that goes on where the audio stopped.
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
  const retry = element('button', 'retry', { type: 'button', 'aria-label': `נסו שוב להשמיע את הקלטת ${label}` });
  retry.textContent = '↻ נסו שוב';
  retry.hidden = true;

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
  toggle.hidden = true;
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

  root.append(start, status, retry, deck, audio);

  const show = (state, text) => {
    root.dataset.state = state;
    status.textContent = text;
  };
  if (recording.note) {
    status.textContent = recording.note;
  }

  const hasAudio = () => audio.hasAttribute('src');
  /** Exactly one play control shows: Play before the audio is loaded, the deck's toggle after, or the retry. */
  const offerControls = (retrying = false) => {
    start.hidden = hasAudio() || retrying;
    toggle.hidden = !hasAudio();
    retry.hidden = !retrying;
  };
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
    deck.hidden = false;
    download.hidden = false;
    audio.defaultPlaybackRate = Number(speed.value);
    audio.src = streamUrl;
    offerControls();
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
    for (const control of [button, resume, retry]) {
      control.disabled = true;
    }
    try {
      if (await askUntilReady(streamUrl, statusUrl, show)) {
        loadPeaks();
        startAudio(startAt);
      }
    } finally {
      preparing = false;
      for (const control of [button, resume, retry]) {
        control.disabled = false;
      }
    }
  }

  /** The audio broke off at {@code retryFrom}: say why, and offer to go on from there. */
  function interrupt(text) {
    clearTimeout(stallTimer);
    retryFrom = audio.currentTime;
    audio.removeAttribute('src');
    audio.load();
    offerControls(true);
    show('interrupted', text);
    render();
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

  button.addEventListener('click', () => prepare(0));
  resume.addEventListener('click', () => prepare(resumeFrom));
  retry.addEventListener('click', () => prepare(retryFrom));
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

  bindKeys(root, { playOrPause, seekTo, position, duration, stepSpeed });

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
    if (hasAudio()) {
      console.warn('the recording of', callSid, 'broke off at', audio.currentTime, 's:', audio.error?.code,
        audio.error?.message);
      // The answer broke off (its download failed mid-way, the token expired, the recording was evicted).
      interrupt(`ההשמעה נקטעה ב-${formatTime(audio.currentTime)}. לחצו "נסו שוב" כדי להמשיך משם.`);
    }
  });
  // Waiting for data that does not come: after as long as the player waits for a download that does not advance,
  // say so and offer to go on. Data arriving (progress) or playing again resets the wait.
  let stallTimer = 0;
  const awaitData = async () => {
    clearTimeout(stallTimer);
    const { stalledDownloadGiveUpSeconds } = await uiConfig();
    stallTimer = setTimeout(() => hasAudio() && !audio.paused
      && interrupt(`ההשמעה נעצרה: לא התקבלו נתונים ${stalledDownloadGiveUpSeconds} שניות. לחצו "נסו שוב" כדי להמשיך.`),
    stalledDownloadGiveUpSeconds * 1000);
  };
  audio.addEventListener('waiting', awaitData);
  for (const going of ['playing', 'pause', 'progress', 'emptied']) {
    audio.addEventListener(going, () => {
      clearTimeout(stallTimer);
      if (going === 'progress' && audio.readyState < HTMLMediaElement.HAVE_FUTURE_DATA && !audio.paused) {
        awaitData(); // data came, but not yet enough to play: wait again from now
      }
    });
  }
  audio.addEventListener('seeked', render);
  audio.addEventListener('loadedmetadata', render);
  window.addEventListener('pagehide', () => hasAudio() && remember());

  if (recording.ready) {
    loadPeaks();
  }
  return root;
}
