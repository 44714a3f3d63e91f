// alert view: labelling keys. Stored text is never parsed as HTML here: only textContent and dataset are set.
'use strict';
(() => {
  const queue = document.getElementById('queue');
  if (!queue) return;
  const items = [...queue.querySelectorAll('.label-item')];
  const progress = document.getElementById('progress');
  const names = { s: 'safe', u: 'unsafe', '?': 'unsure' };
  let current = items.findIndex(item => !item.dataset.label);
  let pending = Promise.resolve();
  if (current < 0) current = Math.max(0, items.length - 1);
  queue.classList.add('js');

  const show = i => {
    current = i;
    items.forEach((item, n) => item.classList.toggle('current', n === i));
    if (items[i]) items[i].scrollIntoView({ block: 'nearest' });
  };
  const setState = (item, label, note) => {
    if (label) item.dataset.label = label; else delete item.dataset.label;
    item.querySelector('.label-state').textContent = (label || 'none') + (note ? ' (' + note + ')' : '');
  };
  const setProgress = r => {
    progress.dataset.labelled = String(r.labelled);
    progress.textContent = r.labelled + ' of ' + r.total + ' labelled';
  };
  // One request at a time, in key order: an undo never overtakes the label it takes back.
  const send = (path, body) => {
    const request = pending.then(() => fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(Object.assign({ run: queue.dataset.run, queue: queue.dataset.queue,
        labeller: queue.dataset.labeller }, body)),
    })).then(r => r.ok ? r.json() : Promise.reject(new Error('HTTP ' + r.status)));
    pending = request.catch(() => undefined);
    return request;
  };
  const next = () => {
    if (current < items.length - 1) show(current + 1);
    else if (queue.dataset.next) pending.then(() => { location.href = queue.dataset.next; });
  };
  const previous = () => {
    if (current > 0) show(current - 1);
    else if (queue.dataset.prev) location.href = queue.dataset.prev;
  };
  const label = value => {
    const item = items[current];
    if (!item) return;
    setState(item, value, 'saving');
    send('/api/labels', { key: item.dataset.key, label: value })
      .then(r => { setState(item, r.label); setProgress(r); })
      .catch(e => setState(item, null, 'not saved: ' + e.message));
    next();
  };
  const undo = () => {
    send('/api/labels/undo', {}).then(r => {
      setProgress(r);
      const i = items.findIndex(item => item.dataset.key === r.key);
      if (i >= 0) { setState(items[i], r.label); show(i); }
    }).catch(() => undefined);
  };

  document.addEventListener('keydown', e => {
    if (e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(e.target.tagName)) return;
    const key = e.key;
    if (key === 'j' || key === 'ArrowRight' || key === 'ArrowDown') next();
    else if (key === 'k' || key === 'ArrowLeft' || key === 'ArrowUp') previous();
    else if (names[key]) label(names[key]);
    else if (key === 'z') undo();
    else return;
    e.preventDefault();
  });
  show(current);
})();
