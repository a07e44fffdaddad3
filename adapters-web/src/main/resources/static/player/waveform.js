// The waveform: fetched from the peaks once a recording is ready, drawn one lane per channel.
import { retryAfterMs, sleep } from './asking.js';

const PEAKS_WAIT_SECONDS = 10; // a ready recording's peaks are computed in well under a second per minute of audio
const PEAKS_ATTEMPTS = 3;

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

/**
 * The peaks (audiowaveform's JSON layout), or null: the player works without a waveform, on a plain track. Asked for
 * once the recording is ready; a waveform still being computed answers 202, and the next ask is held until it is kept.
 */
export async function fetchPeaks(peaksUrl) {
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

/**
 * The waveform, one lane per channel, drawn at the canvas's width from the peaks' min/max pairs; the part before
 * {@code progress} (0 to 1) in the played colour. Without peaks it is a plain track.
 */
export function createWaveform(canvas) {
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
