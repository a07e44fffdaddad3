import { createRecordingPlayer, isolate } from '/player.js';

const PAGE_SIZE = 20;
const params = new URLSearchParams(location.search);
const business = params.get('business_id');
let direction = params.get('view') === 'outbound' ? 'outbound' : 'inbound';
let next = null;

const $ = (id) => document.getElementById(id);

function notice(text, link) {
  const box = $('notice');
  box.replaceChildren(document.createTextNode(text));
  if (link) {
    const anchor = document.createElement('a');
    anchor.href = link.href;
    anchor.textContent = link.text;
    box.append(' ', anchor);
  }
  box.hidden = false;
}

async function signInLink() {
  try {
    const config = await (await fetch('/ui/config')).json();
    return config.signInUrl ? { href: config.signInUrl, text: 'להתחברות' } : null;
  } catch {
    return null;
  }
}

async function api(path) {
  const response = await fetch(path, { credentials: 'same-origin', cache: 'no-store' });
  if (response.status === 401) {
    notice('יש להתחבר כדי לצפות בשיחות.', await signInLink());
    throw new Error('unauthenticated');
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    notice(problem.code === 'business_forbidden' ? 'אין לך הרשאה לעסק זה.' : 'לא ניתן לטעון את השיחות כרגע.');
    throw new Error(problem.code ?? String(response.status));
  }
  return response.json();
}

function formatDuration(seconds) {
  const minutes = Math.floor(seconds / 60);
  return `${minutes}:${String(seconds % 60).padStart(2, '0')}`;
}

function row(call) {
  const tr = document.createElement('tr');
  tr.dataset.callSid = call.callSid;
  tr.dataset.direction = call.direction;
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
  const player = document.createElement('td');
  player.dataset.label = 'הקלטה';
  player.append(createRecordingPlayer({
    callSid: call.callSid,
    streamUrl: call.recording.streamUrl,
    label: `השיחה מ-${isolate(call.from)} ב-${isolate(started.toLocaleString('he-IL'))}`,
    startedAt: call.startedAt,
    direction: call.direction,
    durationSeconds: call.durationSeconds,
    ready: call.recording.status === 'ready',
  }));
  tr.append(player);
  return tr;
}

async function loadPage() {
  const query = new URLSearchParams({ business_id: business, direction, limit: String(PAGE_SIZE) });
  if (next) {
    query.set('before', next);
  }
  const page = await api(`/api/calls?${query}`);
  $('calls').append(...page.calls.map(row));
  next = page.next;
  $('more').hidden = !next;
  $('empty').hidden = $('calls').children.length > 0;
}

function selectTab(newDirection) {
  direction = newDirection;
  next = null;
  for (const tab of document.querySelectorAll('[role=tab]')) {
    const selected = tab.dataset.direction === direction;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
  }
  $('calls-caption').textContent = direction === 'outbound' ? 'שיחות יוצאות' : 'שיחות נכנסות';
  $('calls').replaceChildren();
  const url = new URL(location.href);
  url.searchParams.set('view', direction);
  history.replaceState(null, '', url);
  return loadPage();
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
  $('more').addEventListener('click', loadPage);
  await selectTab(direction);
}

async function chooseBusiness() {
  const me = await api('/api/me');
  if (me.businessIds.length === 1) {
    location.replace(`/?business_id=${encodeURIComponent(me.businessIds[0])}`);
    return;
  }
  const list = $('businesses');
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

(business ? showCalls() : chooseBusiness()).catch(() => { /* the notice says what went wrong */ });
