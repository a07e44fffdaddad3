// How the player writes times, names and numbers.

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
