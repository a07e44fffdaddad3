// Resuming where the user stopped: the position is kept per recording in local storage.

/** A position this close to the start or the end is not worth offering to resume from. */
const RESUME_MARGIN_SECONDS = 5;

const positionKey = (callSid) => `recstream.position.${callSid}`;

/** Where the user stopped in this recording, if worth resuming from; local storage may be refused (privacy modes). */
export function storedPosition(callSid) {
  try {
    const seconds = Number.parseFloat(localStorage.getItem(positionKey(callSid)) ?? '');
    return Number.isFinite(seconds) && seconds >= RESUME_MARGIN_SECONDS ? seconds : null;
  } catch {
    return null;
  }
}

export function storePosition(callSid, seconds, duration) {
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
