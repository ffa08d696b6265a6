// The Foresight operator dashboard: the fleet from retained status (and 1 Hz metrics for liveness), the
// focused robot's telemetry, plan and events, its plots, commands with their acknowledgements, e-stop.
// Topics and payloads as docs/telemetry.md; the page talks to the broker directly (mqtt.js).
'use strict';
(() => {
  const $ = id => document.getElementById(id);
  const SEVERITY = { info: 0, warning: 1, error: 2, critical: 3 };
  const ACK_TIMEOUT_MS = 1000, HOLD_MS = 800, MAX_WINDOW_S = 120, COLORS = ['#2b6cd4', '#d9480f', '#2f9e44', '#7048e8', '#c2255c', '#0b7285'];
  const clientId = 'fs-dash-' + Math.random().toString(36).slice(2, 10);
  const S = {
    broker: '', client: null, conn: 'connecting', attempt: 0, retryAt: 0, reason: '', credentials: {},
    robots: new Map(), focus: null, selected: new Set(), paused: false, windowS: 30, minSeverity: 0,
    events: [], acks: [], pending: new Map(), seq: 0, estop: null, plots: null, dirty: false,
  };
  // What the browser tests and the benchmark read: drawn-sample latency, first draw, e-stop round trips.
  const perf = { firstDrawMs: null, latenciesMs: [], estops: [] };
  window.foresight = { perf, clientId, state: () => ({ conn: S.conn, robots: [...S.robots.keys()], focus: S.focus }) };

  const now = () => Date.now();
  const robot = id => {
    let r = S.robots.get(id);
    if (!r) {
      r = { id, status: {}, seenAt: 0, metricsAt: 0, telemetryAt: 0, metrics: {}, keys: null, plan: null,
        t: [], series: new Map(), health: { t: [], jitter: [], error: [], trust: [] } };
      S.robots.set(id, r);
    }
    return r;
  };
  const fmtAge = ms => ms < 1500 ? 'now' : ms < 90000 ? Math.round(ms / 1000) + ' s' : Math.round(ms / 60000) + ' min';
  const agoText = ms => ms < 1500 ? 'just now' : fmtAge(ms) + ' ago';
  const num = (v, d) => v == null || !isFinite(v) ? '--' : Number(v).toFixed(d);
  const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; };

  // ---- connection, with back-off -------------------------------------------------------------------
  function connect() {
    clearTimeout(S.retryTimer);
    if (S.client) { S.client.onClose = () => {}; S.client.close('reconnecting'); }
    setConn(S.attempt ? 'reconnecting' : 'connecting');
    const c = S.client = new Mqtt.Client(S.broker, Object.assign({ clientId }, S.credentials));
    c.onConnect = async () => {
      S.attempt = 0; S.reason = ''; setConn('connected');
      await c.subscribe(['foresight/+/status', 'foresight/+/metrics', 'foresight/+/cmd/ack/' + clientId]);
      if (S.focus) c.subscribe(focusTopics(S.focus));
    };
    c.onMessage = onMessage;
    c.onClose = reason => {
      if (S.client !== c) return;
      S.reason = reason;
      const refused = /refused/.test(reason);
      // Equal-jitter exponential back-off, 0.5 s doubling to 15 s: a page left open does not hammer a broker.
      const step = Math.min(15000, 500 * 2 ** S.attempt++), delay = step / 2 + Math.random() * step / 2;
      S.retryAt = now() + delay;
      setConn(refused ? 'refused' : 'reconnecting');
      S.retryTimer = setTimeout(connect, delay);
    };
  }
  const focusTopics = id => ['telemetry', 'plan', 'events'].map(t => 'foresight/' + id + '/' + t);
  function setConn(state) {
    S.conn = state;
    const c = $('conn');
    c.dataset.state = state;
    const wait = Math.max(0, (S.retryAt - now()) / 1000).toFixed(1);
    c.textContent = state === 'connected' ? 'connected'
      : state === 'reconnecting' || state === 'refused' ? (state === 'refused' ? 'refused' : 'disconnected') + ', retry in ' + wait + ' s (attempt ' + S.attempt + ')'
      : state;
    c.title = S.reason;
    const live = state === 'connected';
    $('estop').disabled = !live;
    for (const b of document.querySelectorAll('button.hold')) b.disabled = !live || !targets().length;
  }

  // ---- messages ----------------------------------------------------------------------------------
  function onMessage(topic, text, props) {
    const parts = topic.split('/');
    if (parts[0] !== 'foresight' || parts.length < 3) return;
    let m;
    try { m = JSON.parse(text); } catch (e) { return; }
    const r = robot(parts[1]), kind = parts.slice(2).join('/');
    r.seenAt = now();
    if (kind === 'status') onStatus(r, m);
    else if (kind === 'metrics') onMetrics(r, m);
    else if (kind.startsWith('cmd/ack/')) onAck(r, m);
    else if (r.id !== S.focus) return;   // left over from a robot no longer in focus
    else if (kind === 'telemetry') onTelemetry(r, m);
    else if (kind === 'plan') { r.plan = m; S.dirty = true; }
    else if (kind === 'events') onEvent(r, m);
  }

  function onStatus(r, m) {
    // The will is {"state":"offline"} alone: keep what the birth said (model, mode) beside it.
    const wasOnline = r.status.state === 'online';
    Object.assign(r.status, m);
    if (m.states && m.actions) r.keys = { states: m.states, actions: m.actions };
    if (wasOnline && m.state === 'offline') pageEvent(r, m.mode ? 'warning' : 'error', 'went offline' + (m.mode ? ' (clean stop)' : ' (last will: connection lost)'));
    // Until the operator picks one, the focus goes to a robot that is online.
    const current = S.focus && S.robots.get(S.focus);
    if (!S.focus || (!S.userFocused && current.status.state === 'offline' && r.status.state === 'online')) focus(r.id);
    renderFleet();
    if (r.id === S.focus) renderHead();
  }

  function onMetrics(r, m) {
    r.metrics = m; r.metricsAt = now();
    if (r.id !== S.focus) return;
    const h = r.health;
    h.t.push(m.ts / 1000); h.jitter.push(m.jitter_p99_us); h.error.push(m.model_error ?? null); h.trust.push(m.trust ?? null);
    trim(h, [h.jitter, h.error, h.trust]);
    S.dirty = true;
  }

  function onTelemetry(r, m) {
    r.telemetryAt = now();
    if (!r.keys) {   // an older robot without states/actions in its status: everything numeric is a state
      r.keys = { states: Object.keys(m).filter(k => typeof m[k] === 'number' && !['ts', 'tick', 'cost'].includes(k) && !k.startsWith('predicted.')), actions: [] };
      buildPlots(r);
    }
    // A restarted robot (or a second process with the same id) starts its time over: start the plots over
    // rather than draw a line back in time.
    if (r.t.length && m.ts / 1000 < r.t[r.t.length - 1]) { r.t = []; r.series = new Map(); }
    r.t.push(m.ts / 1000);
    for (const k of [...r.keys.states, ...r.keys.states.map(s => 'predicted.' + s), ...r.keys.actions]) {
      if (!r.series.has(k)) r.series.set(k, new Array(r.t.length - 1).fill(null));
      r.series.get(k).push(m[k] ?? null);
    }
    if (m.mode && m.mode !== r.status.mode) { r.status.mode = m.mode; renderHead(); }
    trim(r, [...r.series.values()]);
    r.lastTs = m.ts;
    S.dirty = true;
  }

  function trim(o, arrays) {
    const cut = o.t.length && o.t.findIndex(t => t >= o.t[o.t.length - 1] - MAX_WINDOW_S);
    if (cut > 0) { o.t.splice(0, cut); for (const a of arrays) a.splice(0, cut); }
  }

  function onEvent(r, m) {
    S.events.unshift({ robot: r.id, ts: m.ts, severity: m.severity || 'info', text: m.cause + (m.reaction && m.reaction !== 'none' ? ' -> ' + m.reaction : '') });
    S.events.length = Math.min(S.events.length, 300);
    renderEvents();
  }
  function pageEvent(r, severity, text) {
    S.events.unshift({ robot: r.id, ts: now(), severity, text: '(dashboard) ' + text });
    renderEvents();
  }

  // ---- commands ----------------------------------------------------------------------------------
  function targets() {
    const t = new Set(S.focus ? [S.focus] : []);   // the focused robot first, then the ticked ones
    for (const id of S.selected) t.add(id);
    return [...t];
  }
  // E-stop goes to the focused and ticked robots; with none, to every robot that is not offline.
  function estopTargets() {
    const t = targets();
    return t.length ? t : [...S.robots.values()].filter(r => r.status.state !== 'offline').map(r => r.id);
  }

  function send(robotId, name, fields, pressedAt) {
    const id = clientId + '-' + (++S.seq);
    const payload = JSON.stringify(Object.assign({ id, expires_at: now() + 10000 }, fields));
    const entry = { id, robot: robotId, name, sentAt: pressedAt ?? performance.now(), status: 'sent', rttMs: null, reason: '' };
    S.pending.set(id, entry);
    S.acks.unshift(entry); S.acks.length = Math.min(S.acks.length, 30);
    S.client.publish('foresight/' + robotId + '/cmd/' + name, payload, 1,
      { responseTopic: 'foresight/' + robotId + '/cmd/ack/' + clientId, correlation: id }).then(code => {
      // The broker's PUBACK: a refusal (the ACL: a viewer may not command) means the robot never got it.
      if (code < 0x80 || entry.status !== 'sent') return;
      entry.status = 'refused'; entry.reason = 'by the broker: ' + Mqtt.reasonName(code);
      S.pending.delete(id);
      if (name === 'estop') pageEvent(robot(robotId), 'critical', 'e-stop refused by the broker (' + Mqtt.reasonName(code) + ')');
      renderAcks();
    });
    setTimeout(() => {
      if (entry.status !== 'sent') return;
      entry.status = 'unconfirmed';
      if (name === 'estop') pageEvent(robot(robotId), 'critical', 'e-stop NOT CONFIRMED within 1 s');
      renderAcks();
    }, ACK_TIMEOUT_MS);
    renderAcks();
    return entry;
  }

  function onAck(r, m) {
    const e = S.pending.get(m.id);
    if (!e) return;
    e.rttMs = performance.now() - e.sentAt; e.status = m.status; e.reason = m.reason || m.note || ''; e.mode = m.mode;
    S.pending.delete(m.id);
    if (e.name === 'estop') perf.estops.push({ robot: e.robot, status: m.status, rttMs: e.rttMs });
    if (m.mode && m.mode !== r.status.mode) { r.status.mode = m.mode; renderFleet(); renderHead(); }
    renderAcks();
  }

  function estop(pressedAt) {
    if (S.conn !== 'connected') return;
    const t = estopTargets();
    S.estop = t.map(id => send(id, 'estop', { reason: 'operator e-stop from the dashboard' }, pressedAt));
    renderAcks();
  }

  function command(name) {
    const fields = {};
    if (name === 'mode') fields.mode = $('mode-value').value;
    if (name === 'setpoint') {
      const v = parseFloat($('setpoint-value').value);
      if (!isFinite(v)) { $('targets').textContent = 'setpoint: type a number first'; return; }
      fields.values = { [$('setpoint-name').value]: v };
    }
    if (name === 'param') {
      const v = parseFloat($('param-value').value);
      if (!$('param-name').value || !isFinite(v)) { $('targets').textContent = 'param: name and number first'; return; }
      fields.name = $('param-name').value; fields.value = v;
    }
    for (const id of targets()) send(id, name, fields);
  }

  // Hold to confirm: the bar fills for HOLD_MS; letting go earlier sends nothing.
  for (const b of document.querySelectorAll('button.hold')) {
    let timer = null, start = 0;
    const stop = () => { cancelAnimationFrame(timer); timer = null; b.style.setProperty('--p', 0); };
    const tick = () => {
      const p = (performance.now() - start) / HOLD_MS;
      if (p >= 1) { stop(); command(b.dataset.cmd); return; }
      b.style.setProperty('--p', p); timer = requestAnimationFrame(tick);
    };
    b.addEventListener('pointerdown', e => { if (b.disabled) return; e.preventDefault(); start = performance.now(); timer = requestAnimationFrame(tick); });
    for (const ev of ['pointerup', 'pointerleave', 'pointercancel']) b.addEventListener(ev, stop);
    b.addEventListener('mouseenter', () => { $('targets').textContent = 'hold to send ' + b.dataset.cmd + ' to: ' + targets().join(', '); });
  }
  $('estop').addEventListener('pointerdown', e => { e.preventDefault(); estop(e.timeStamp); });
  $('estop').addEventListener('click', e => e.preventDefault());
  document.addEventListener('keydown', e => {
    if (e.code !== 'Space' || e.repeat) return;
    // Space stops from anywhere on the page (a focused button included: no click), except while typing in a
    // text field (credentials, a parameter name, a value).
    if (e.target.matches && e.target.matches('input:not([type=checkbox]), textarea')) return;
    e.preventDefault();
    estop(e.timeStamp);
  });

  // ---- rendering ---------------------------------------------------------------------------------
  function linkState(r) {
    if (r.status.state === 'offline') return 'offline';
    const periodMs = 1000 / (r.status.telemetry_hz || 10);
    const seen = r.id === S.focus && r.telemetryAt ? r.telemetryAt : r.metricsAt || r.seenAt;
    // Stale: three telemetry periods missed (the focused robot) or three metrics (1 Hz) for the others.
    const limit = r.id === S.focus && r.telemetryAt ? 3 * periodMs : 3000;
    return now() - seen > limit ? 'stale' : 'online';
  }

  const rows = new Map();
  function renderFleet() {
    const tbody = $('fleet-rows');
    for (const r of [...S.robots.values()].sort((a, b) => a.id.localeCompare(b.id))) {
      let tr = rows.get(r.id);
      if (!tr) {
        tr = el('tr'); tr.dataset.robot = r.id;
        const cb = el('input'); cb.type = 'checkbox'; cb.title = 'also a target of commands';
        cb.addEventListener('click', e => { e.stopPropagation(); cb.checked ? S.selected.add(r.id) : S.selected.delete(r.id); renderHead(); });
        const td = el('td'); td.append(cb); tr.append(td);
        for (let i = 0; i < 7; i++) tr.append(el('td'));
        tr.addEventListener('click', () => { S.userFocused = true; focus(r.id); });
        rows.set(r.id, tr);
      }
      tbody.append(tr);   // keeps the order sorted
      const st = linkState(r), age = now() - (r.seenAt || now()), c = tr.children;
      c[1].textContent = r.id;
      c[2].textContent = st === 'stale' ? 'stale' : st;
      c[2].className = 'link-' + st;
      c[3].textContent = r.status.mode || '--';
      c[4].textContent = r.status.model ? r.status.model.split('/').pop() : (r.status.controller || '--');
      c[5].textContent = fmtAge(age);
      c[6].textContent = num(r.metrics.rate_hz, 1);
      c[7].textContent = r.metrics.battery_v != null ? num(r.metrics.battery_v, 1) + ' V' : '--';
      tr.className = (r.id === S.focus ? 'focused ' : '') + st;
      // Greyed with the age: what is not live never looks live.
      tr.style.opacity = st === 'online' ? 1 : Math.max(0.35, 1 - age / 60000);
    }
    $('fleet-count').textContent = S.robots.size ? S.robots.size + (S.robots.size === 1 ? ' robot' : ' robots') : '';
    $('fleet-empty').style.display = S.robots.size ? 'none' : '';
  }

  function renderHead() {
    const r = S.focus && S.robots.get(S.focus);
    $('robot-name').textContent = r ? r.id : 'no robot selected';
    const mode = r ? r.status.mode || '' : '';
    $('robot-mode').textContent = mode; $('robot-mode').className = 'mode m-' + mode;
    $('estop-targets').textContent = 'stops: ' + (estopTargets().join(', ') || 'no robot');
    if (r) {
      const names = (r.keys && r.keys.states) || [];
      const sel = $('setpoint-name');
      if (sel.dataset.robot !== r.id) { sel.dataset.robot = r.id; sel.replaceChildren(...names.map(n => el('option', null, n))); }
    }
    setConn(S.conn);
  }

  function renderLive() {
    const r = S.focus && S.robots.get(S.focus);
    if (!r) return;
    const st = linkState(r), ago = now() - (r.telemetryAt || r.seenAt);
    $('robot-live').textContent = st === 'online' ? 'live' : st + ', last data ' + agoText(ago);
    $('robot-live').className = 'live ' + (st === 'online' ? 'ok' : st);
    $('plot-note').textContent = st === 'online' ? (S.paused ? 'paused' : '') : 'NOT LIVE: ' + st + ', last data ' + agoText(ago);
    $('plots').classList.toggle('stale', st !== 'online');
  }

  function renderAcks() {
    const list = $('acks');
    list.replaceChildren(...S.acks.filter(a => a.name !== 'estop').slice(0, 8).map(a => el('li', a.status, line(a))));
    const box = $('estop-state');
    box.replaceChildren(...(S.estop || []).map(a => el('div', a.status === 'sent' ? 'sent' : a.status === 'unconfirmed' || a.status === 'refused' ? 'unconfirmed' : 'acked',
      a.status === 'sent' ? 'e-stop sent to ' + a.robot + ', waiting for the ack'
        : a.status === 'unconfirmed' ? 'NOT CONFIRMED - use the hardware e-stop (' + a.robot + ')'
        : a.status === 'refused' ? 'REFUSED ' + a.reason + ' - use the hardware e-stop (' + a.robot + ')'
          : 'e-stop ' + a.status + ' by ' + a.robot + ' in ' + Math.round(a.rttMs) + ' ms, mode ' + a.mode)));
    renderAlerts();
  }
  const line = a => a.name + ' -> ' + a.robot + ': ' + (a.status === 'unconfirmed' ? 'NOT CONFIRMED (no ack in 1 s)' : a.status)
    + (a.rttMs != null ? ' in ' + Math.round(a.rttMs) + ' ms' : '') + (a.reason ? ' (' + a.reason + ')' : '');

  function renderEvents() {
    const shown = S.events.filter(e => SEVERITY[e.severity] >= S.minSeverity).slice(0, 100);
    $('event-list').replaceChildren(...shown.map(e => {
      const li = el('li');
      li.append(el('span', 'sev sev-' + e.severity, e.severity), new Date(e.ts).toLocaleTimeString() + ' ' + e.robot + ': ' + e.text);
      return li;
    }));
    renderAlerts();
  }

  // Alerts: what needs the operator now: robots offline, stale or stopped, unconfirmed e-stops, and the
  // focused robot's recent warnings and worse, counted by cause.
  function renderAlerts() {
    const items = [];
    for (const r of S.robots.values()) {
      const st = linkState(r);
      if (st !== 'online') items.push(['error', r.id + ' ' + st]);
      if (r.status.mode === 'estop' || r.status.mode === 'safe_stop') items.push(['critical', r.id + ' in ' + r.status.mode]);
    }
    for (const a of S.acks) if ((a.status === 'unconfirmed' || a.status === 'refused') && a.name === 'estop') items.push(['critical', 'e-stop to ' + a.robot + ' NOT CONFIRMED']);
    const counts = new Map();
    // Newest first; one line per robot and cause (numbers masked, so "overran 56 times ... 205.4 ms" and
    // "... 156.4 ms" are one cause), with the newest text and a count.
    for (const e of S.events) if (SEVERITY[e.severity] >= 1 && now() - e.ts < 300000) {
      const text = e.robot + ': ' + e.text.split(' -> ')[0], k = e.severity + '|' + text.replace(/[0-9][0-9.e+-]*/g, '#');
      const c = counts.get(k);
      if (c) c.n++; else counts.set(k, { sev: e.severity, text, n: 1 });
    }
    for (const c of counts.values()) items.push([c.sev, c.text + (c.n > 1 ? ' (x' + c.n + ')' : '')]);
    $('alert-list').replaceChildren(...(items.length ? items.map(([sev, text]) => {
      const li = el('li'); li.append(el('span', 'sev sev-' + sev, sev), text); return li;
    }) : [el('li', 'muted', 'none')]));
  }

  // ---- plots (uPlot) -----------------------------------------------------------------------------
  function focus(id) {
    if (S.focus === id) return;
    if (S.client && S.client.connected && S.focus) S.client.unsubscribe(focusTopics(S.focus));
    const old = S.focus && S.robots.get(S.focus);
    if (old) { old.t = []; old.series = new Map(); old.health = { t: [], jitter: [], error: [], trust: [] }; old.telemetryAt = 0; old.plan = null; }
    S.focus = id; S.events = [];
    if (S.client && S.client.connected) S.client.subscribe(focusTopics(id));
    buildPlots(robot(id));
    renderFleet(); renderHead(); renderEvents();
  }

  function buildPlots(r) {
    if (S.plots) for (const p of Object.values(S.plots)) p.destroy();
    S.plots = null;
    if (!r.keys) return;
    const width = Math.max(320, $('plots').clientWidth || 640);
    const mk = (el, title, series, axes) => new uPlot({
      title, width, height: 170, series: [{}, ...series], legend: { live: true },
      cursor: { drag: { x: true, y: false }, sync: { key: 'fs' } },
      scales: { x: { time: true } }, axes: [{}, ...axes],
      hooks: { setSelect: [() => pause(true)] },
    }, [[], ...series.map(() => [])], $(el));
    // A good model's prediction lies on the state itself: drawn first, wide and light, it is a band the state
    // runs inside, and shows where the two part.
    const st = r.keys.states.flatMap((s, i) => [{ label: s + ' predicted', stroke: COLORS[i % 6] + '55', width: 6 },
      { label: s, stroke: COLORS[i % 6], width: 1.5 }]);
    const ac = r.keys.actions.flatMap((a, i) => [{ label: a, stroke: COLORS[(i + 3) % 6], width: 1.5 },
      { label: a + ' plan', stroke: COLORS[(i + 3) % 6], width: 1, dash: [3, 3] }]);
    S.plots = {
      state: mk('plot-state', 'state (line) inside the model\'s one-step prediction (wide band)', st, [{}]),
      action: mk('plot-action', 'applied action and the plan ahead', ac.length ? ac : [{ label: 'none' }], [{}]),
      health: mk('plot-health', 'loop jitter p99 and model error', [
        { label: 'jitter p99 us', stroke: '#495057', scale: 'us' },
        { label: 'model error', stroke: '#d9480f', scale: 'err' }, { label: 'trust', stroke: '#7048e8', scale: 'err', dash: [4, 3] }],
        [{ scale: 'us' }, { scale: 'err', side: 1, grid: { show: false } }]),
    };
    S.dirty = true;
  }

  function draw() {
    requestAnimationFrame(draw);
    const r = S.focus && S.robots.get(S.focus);
    if (!S.dirty || S.paused || !r || !S.plots || !r.t.length) return;
    S.dirty = false;
    const t = r.t, last = t[t.length - 1], lo = last - S.windowS;
    S.plots.state.setData([t, ...r.keys.states.flatMap(s => [r.series.get('predicted.' + s), r.series.get(s)])], false);
    // The plan's steps after the latest sample extend the action plot into the future.
    const p = r.plan, future = [];
    if (p && p.step_s) for (let k = 1; k < p.horizon; k++) { const x = p.ts / 1000 + k * p.step_s; if (x > last) future.push([x, k]); }
    const xa = t.concat(future.map(f => f[0])), pad = future.map(() => null);
    const ad = r.keys.actions.flatMap(a => [r.series.get(a).concat(pad),
      t.map(() => null).concat(future.map(f => p[a] ? p[a][f[1]] : null))]);
    if (ad.length) {
      // Join the plan to the latest applied action so the overlay reads as a continuation.
      if (future.length) ad.forEach((s, i) => { if (i % 2) s[t.length - 1] = ad[i - 1][t.length - 1]; });
      S.plots.action.setData([xa, ...ad], false);
    }
    const h = r.health;
    S.plots.health.setData([h.t, h.jitter, h.error, h.trust], false);
    const hi = future.length ? future[future.length - 1][0] : last;
    for (const pl of [S.plots.state, S.plots.action, S.plots.health]) pl.setScale('x', { min: lo, max: Math.max(hi, last + 0.5) });
    // Publish-to-pixel: the newest sample's robot timestamp against the clock once it is on screen.
    const ts = r.lastTs;
    requestAnimationFrame(() => {
      perf.latenciesMs.push(Date.now() - ts);
      if (perf.latenciesMs.length > 5000) perf.latenciesMs.shift();
      if (perf.firstDrawMs == null) perf.firstDrawMs = performance.now();
    });
  }

  function pause(on) {
    S.paused = on;
    $('pause').textContent = on ? 'resume' : 'pause';
    if (!on) S.dirty = true;
    renderLive();
  }
  $('pause').addEventListener('click', () => pause(!S.paused));
  $('window').addEventListener('change', e => { S.windowS = +e.target.value; S.dirty = true; });
  $('severity').addEventListener('change', e => { S.minSeverity = +e.target.value; renderEvents(); });
  for (const id of ['plot-state', 'plot-action', 'plot-health']) $(id).addEventListener('dblclick', () => pause(false));
  window.addEventListener('resize', () => { const r = S.focus && S.robots.get(S.focus); if (r) buildPlots(r); });
  $('login').addEventListener('submit', e => {
    e.preventDefault();   // never a GET with the password in the URL; kept in this page's memory only
    S.credentials = { username: $('user').value, password: $('pass').value };
    S.attempt = 0; connect();
  });

  setInterval(() => { renderFleet(); renderLive(); renderAlerts(); if (S.conn !== 'connected') setConn(S.conn); }, 250);
  // Operator heartbeat (docs/safety.md, operator link lost): every 500 ms to every robot not offline, as
  // foresight monitor does, so a robot with safety.link_loss.heartbeat_timeout_ms knows an operator can reach
  // it. QoS 0 and expiring: a beat the broker kept is stale by the time a robot reads it. Under the ACL only
  // operators may write cmd/, so a viewer's page keeps no robot going.
  setInterval(() => {
    if (S.conn !== 'connected') return;
    const ts = now(), beat = JSON.stringify({ ts, expires_at: ts + 1500 });
    for (const r of S.robots.values()) if (r.status.state !== 'offline') S.client.publish('foresight/' + r.id + '/cmd/heartbeat', beat, 0);
  }, 500);
  requestAnimationFrame(draw);
  fetch('config.json').then(r => r.json()).then(cfg => { S.broker = cfg.broker; $('broker').textContent = cfg.broker; connect(); });
  renderAlerts();
})();
