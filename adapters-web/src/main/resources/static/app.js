import { createRecordingPlayer, isolate } from '/player.js';
import { uiConfig } from '/ui-config.js';

const PAGE_SIZE = 20;
const SEARCH_DEBOUNCE_MS = 300;
const MIN_DIGITS = 4; // as the API takes them: the end of a number, or the start of a call SID
const MIN_SID_PREFIX = 8;

const params = new URLSearchParams(location.search);
const business = params.get('business_id');

/** What the list shows: the tab, the search and the date range, all kept in the page's address. */
const shown = {
  direction: params.get('view') === 'outbound' ? 'outbound' : 'inbound',
  q: params.get('q') ?? '',
  since: params.get('since') ?? '',
  until: params.get('until') ?? '',
};
let next = null;
/** Bumped by every new query: an answer for an older one is dropped. */
let generation = 0;
/** The page of the current query being asked for, if any: "load more" asks for one at a time. */
let loading = null;

const $ = (id) => document.getElementById(id);

function notice(text, action) {
  const box = $('notice');
  box.replaceChildren(document.createTextNode(text));
  if (action?.href) {
    const anchor = document.createElement('a');
    anchor.href = action.href;
    anchor.textContent = action.text;
    box.append(' ', anchor);
  } else if (action?.run) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'retry-list';
    button.textContent = action.text;
    button.addEventListener('click', () => {
      box.hidden = true;
      action.run();
    });
    box.append(' ', button);
  }
  box.hidden = false;
}

async function signInLink() {
  const { signInUrl } = await uiConfig();
  return signInUrl ? { href: signInUrl, text: 'להתחברות' } : null;
}

/** A failed answer: its problem's code and detail. */
class Problem extends Error {
  constructor(status, problem) {
    super(problem.code ?? String(status));
    this.status = status;
    this.detail = problem.detail;
  }
}

async function api(path) {
  const response = await fetch(path, { credentials: 'same-origin', cache: 'no-store' });
  if (response.status === 401) {
    notice('יש להתחבר כדי לצפות בשיחות.', await signInLink());
    throw new Problem(401, { code: 'unauthenticated' });
  }
  if (!response.ok) {
    throw new Problem(response.status, await response.json().catch(() => ({})));
  }
  return response.json();
}

function formatDuration(seconds) {
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}

// What a row says of a recording that can't be played, by the reason its last download failed.
const NO_PLAY = {
  no_recording: 'לשיחה זו אין הקלטה.',
  recording_unavailable: 'ההקלטה אינה קיימת עוד אצל ספק ההקלטות.',
  recording_too_large: 'ההקלטה גדולה מכדי להשמיע אותה כאן.',
};
// ... and of one whose last download failed for a while only: it can be played again.
const FAILED_FOR_NOW = {
  provider_unavailable: 'ההורדה הקודמת נכשלה: ספק ההקלטות לא היה זמין. אפשר לנסות שוב.',
  storage_unavailable: 'ההורדה הקודמת נכשלה: אחסון ההקלטות לא היה זמין. אפשר לנסות שוב.',
};

function recordingCell(call, started, retentionDays) {
  const cell = document.createElement('td');
  cell.dataset.label = 'הקלטה';
  const { status, reason } = call.recording;
  const unplayable = status === 'expired' ? `ההקלטה נמחקה: הקלטות נשמרות ${retentionDays} ימים.`
    : status === 'failed' ? NO_PLAY[reason] : undefined;
  if (unplayable) {
    const text = document.createElement('p');
    text.className = 'no-play';
    text.textContent = unplayable;
    cell.append(text);
    return cell;
  }
  cell.append(createRecordingPlayer({
    callSid: call.callSid,
    streamUrl: call.recording.streamUrl,
    label: `השיחה מ-${isolate(call.from)} ב-${isolate(started.toLocaleString('he-IL'))}`,
    startedAt: call.startedAt,
    direction: call.direction,
    durationSeconds: call.durationSeconds,
    ready: status === 'ready',
    note: status === 'failed' ? (FAILED_FOR_NOW[reason] ?? 'ההורדה הקודמת נכשלה. אפשר לנסות שוב.') : '',
  }));
  return cell;
}

function row(call, retentionDays) {
  const tr = document.createElement('tr');
  tr.dataset.callSid = call.callSid;
  tr.dataset.direction = call.direction;
  tr.dataset.recording = call.recording.status;
  tr.tabIndex = -1; // "load more" moves the focus to the first new row
  const started = new Date(call.startedAt);
  const cells = [
    ['זמן', started.toLocaleString('he-IL')],
    ['מ', call.from],
    ['אל', call.to],
    ['משך', formatDuration(call.durationSeconds)],
  ];
  for (const [label, text] of cells) {
    const td = document.createElement('td');
    td.dataset.label = label;
    // Phone numbers and times are left-to-right runs inside the right-to-left page: isolate them.
    const value = document.createElement('bdi');
    value.dir = 'ltr';
    value.textContent = text;
    td.append(value);
    tr.append(td);
  }
  tr.append(recordingCell(call, started, retentionDays));
  return tr;
}

const searching = () => Boolean(shown.q || shown.since || shown.until);

/** Whether the API takes the text as a search: enough digits of a number, or enough of a call SID. */
function searchable(text) {
  return /^ca/i.test(text) ? text.length >= MIN_SID_PREFIX : text.replace(/\D/g, '').length >= MIN_DIGITS;
}

/** The day's first or last instant in the agent's time zone, as the API takes it. */
function dayBound(date, end) {
  const day = new Date(`${date}T00:00:00`);
  if (end) {
    day.setDate(day.getDate() + 1);
    day.setMilliseconds(-1);
  }
  return day.toISOString();
}

function listQuery() {
  const query = new URLSearchParams({ business_id: business, direction: shown.direction, limit: String(PAGE_SIZE) });
  if (shown.q && searchable(shown.q)) {
    query.set('q', shown.q);
  }
  if (shown.since) {
    query.set('since', dayBound(shown.since, false));
  }
  if (shown.until) {
    query.set('until', dayBound(shown.until, true));
  }
  if (next) {
    query.set('before', next);
  }
  return query;
}

function keepInAddress() {
  const url = new URL(location.href);
  url.searchParams.set('view', shown.direction);
  for (const name of ['q', 'since', 'until']) {
    if (shown[name]) {
      url.searchParams.set(name, shown[name]);
    } else {
      url.searchParams.delete(name);
    }
  }
  history.replaceState(null, '', url);
}

/** Asks for the first page of what is shown now; an answer still on its way for an earlier query is dropped. */
function showFirstPage() {
  generation++;
  next = null;
  loading = null;
  keepInAddress();
  return loadPage();
}

/** The next page of the current query: one at a time, and dropped if the query changed meanwhile. */
function loadPage() {
  if (loading) {
    return loading;
  }
  const asked = generation;
  const first = next === null;
  const more = $('more');
  more.disabled = true;
  const page = Promise.all([api(`/api/calls?${listQuery()}`), uiConfig()]).then(([answer, config]) => {
    if (asked !== generation) {
      return;
    }
    $('notice').hidden = true;
    $('search-hint').textContent = shown.q && !searchable(shown.q)
      ? `לחיפוש יש להקליד לפחות ${MIN_DIGITS} ספרות של מספר, או ${MIN_SID_PREFIX} תווים של מזהה שיחה.` : '';
    const rows = answer.calls.map((call) => row(call, config.retentionDays));
    if (first) {
      $('calls').replaceChildren(...rows);
    } else {
      $('calls').append(...rows);
      rows[0]?.focus();
    }
    next = answer.next;
    more.hidden = !next;
    const empty = $('calls').children.length === 0;
    $('empty').hidden = !empty;
    $('empty').textContent = searching() ? 'אין שיחות התואמות לחיפוש.' : 'אין שיחות להצגה.';
  }).catch((problem) => {
    if (asked !== generation) {
      return;
    }
    if (problem.status === 400) {
      $('search-hint').textContent = problem.detail ?? 'החיפוש אינו תקין.';
    } else if (problem.status === 403) {
      notice('אין לך הרשאה לעסק זה.');
    } else if (problem.status !== 401) {
      notice('לא ניתן לטעון את השיחות כרגע.', { text: 'נסו שוב', run: first ? showFirstPage : loadPage });
    }
  }).finally(() => {
    if (loading === page) {
      loading = null;
      more.disabled = false;
    }
  });
  loading = page;
  return page;
}

function selectTab(direction) {
  shown.direction = direction;
  for (const tab of document.querySelectorAll('[role=tab]')) {
    const selected = tab.dataset.direction === direction;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
  }
  $('calls-caption').textContent = direction === 'outbound' ? 'שיחות יוצאות' : 'שיחות נכנסות';
  return showFirstPage();
}

function bindSearch() {
  const fields = { q: $('q'), since: $('since'), until: $('until') };
  let typing = 0;
  for (const [name, field] of Object.entries(fields)) {
    field.value = shown[name];
    field.addEventListener('input', () => {
      clearTimeout(typing);
      typing = setTimeout(() => {
        shown[name] = field.value.trim();
        showFirstPage();
      }, name === 'q' ? SEARCH_DEBOUNCE_MS : 0);
    });
  }
  $('search').addEventListener('submit', (event) => event.preventDefault());
}

function bindHelp() {
  const dialog = $('shortcuts');
  $('help').addEventListener('click', () => dialog.showModal());
  document.addEventListener('keydown', (event) => {
    if (event.key === '?' && !event.target.closest('input, textarea, select') && !dialog.open) {
      event.preventDefault();
      dialog.showModal();
    }
  });
}

async function showCalls() {
  $('business').textContent = `עסק: ${business}`;
  $('calls-view').hidden = false;
  const tabs = [...document.querySelectorAll('[role=tab]')];
  for (const tab of tabs) {
    tab.addEventListener('click', () => selectTab(tab.dataset.direction));
    tab.addEventListener('keydown', (event) => {
      // In RTL the arrow keys move the other way round.
      const step = { ArrowLeft: 1, ArrowRight: -1 }[event.key];
      if (step) {
        const target = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length];
        target.focus();
        selectTab(target.dataset.direction);
      }
    });
  }
  $('more').addEventListener('click', () => loadPage());
  bindSearch();
  await selectTab(shown.direction);
}

async function chooseBusiness() {
  let me;
  try {
    me = await api('/api/me');
  } catch (problem) {
    if (problem.status !== 401) {
      notice('לא ניתן לטעון את השיחות כרגע.', { text: 'נסו שוב', run: chooseBusiness });
    }
    return;
  }
  if (me.businessIds.length === 1) {
    location.replace(`/?business_id=${encodeURIComponent(me.businessIds[0])}`);
    return;
  }
  const list = $('businesses');
  list.replaceChildren();
  for (const id of me.businessIds) {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = `/?business_id=${encodeURIComponent(id)}`;
    link.textContent = id;
    item.append(link);
    list.append(item);
  }
  $('chooser').hidden = false;
}

bindHelp();
(business ? showCalls() : chooseBusiness()).catch(() => { /* the notice says what went wrong */ });
