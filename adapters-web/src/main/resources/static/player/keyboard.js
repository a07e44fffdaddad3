// The player's keys: space plays or pauses, arrows seek 5 s and PageUp/PageDown 30 s, Home and End jump, [ and ]
// change the speed. The page's help (?) lists them: keep the two alike.

const ARROW_SECONDS = 5;
const PAGE_SECONDS = 30;

/**
 * Binds the keys on {@code root} to {@code controls}: {playOrPause, seekTo, position, duration, stepSpeed}. Keys a
 * focused button, list or link answers itself are left to it.
 */
export function bindKeys(root, { playOrPause, seekTo, position, duration, stepSpeed }) {
  root.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    const native = event.target.closest('button, select, a');
    const actions = {
      ' ': native ? null : playOrPause, // a focused button or list answers space itself
      ArrowLeft: event.target.matches('select') ? null : () => seekTo(position() - ARROW_SECONDS),
      ArrowRight: event.target.matches('select') ? null : () => seekTo(position() + ARROW_SECONDS),
      PageUp: native ? null : () => seekTo(position() + PAGE_SECONDS),
      PageDown: native ? null : () => seekTo(position() - PAGE_SECONDS),
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
}
