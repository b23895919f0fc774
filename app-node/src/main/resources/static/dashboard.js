// The live dashboard: reads /dashboard/snapshot every second, turns the node's totals into rates and draws the last
// five minutes with uPlot (served from the app node's webjar, no network needed).
(() => {
  'use strict';
  const POINTS = 300;
  const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#be185d', '#4b5563'];
  const OUTCOMES = ['accepted', 'sold_out', 'rate_limited', 'unavailable', 'other'];
  const charts = {};
  let previous = null;

  function chart(id, names) {
    const el = document.getElementById(id);
    const old = charts[id];
    if (old && old.names.join() === names.join()) {
      return old;
    }
    if (old) {
      old.plot.destroy();
    }
    const data = [old ? old.data[0] : []];
    names.forEach(() => data.push(data[0].map(() => null)));
    const series = [{}].concat(names.map((name, i) => ({label: name, stroke: COLORS[i % COLORS.length], width: 2})));
    const plot = new uPlot({width: el.clientWidth || 460, height: 200, series: series, legend: {live: false},
      scales: {x: {time: true}}, axes: [{}, {size: 60}]}, data, el);
    charts[id] = {plot: plot, names: names, data: data};
    return charts[id];
  }

  function push(id, names, time, values) {
    const c = chart(id, names);
    c.data[0].push(time);
    values.forEach((v, i) => c.data[i + 1].push(v));
    if (c.data[0].length > POINTS) {
      c.data.forEach(column => column.shift());
    }
    c.plot.setData(c.data);
  }

  function show(id, text) {
    document.getElementById(id).textContent = text;
  }

  const sum = values => values.reduce((a, b) => a + b, 0);
  const fixed = (value, digits) => value == null || isNaN(value) ? '-' : value.toFixed(digits);

  function draw(now) {
    const time = now.time / 1000;
    const dt = previous ? (now.time - previous.time) / 1000 : 0;
    const rate = outcome => {
      if (!previous || dt <= 0) {
        return null;
      }
      const total = m => outcome === 'other'
        ? sum(Object.entries(m).filter(([k]) => !OUTCOMES.includes(k)).map(([, v]) => v))
        : (m[outcome] || 0);
      return Math.max(0, (total(now.purchases) - total(previous.purchases)) / dt);
    };
    const rates = OUTCOMES.map(rate);
    push('chart-requests', OUTCOMES, time, rates);
    const latency = now.latencyMillis;
    push('chart-latency', ['p50', 'p95', 'p99'], time, [latency.p50, latency.p95, latency.p99].map(v => v ?? null));
    const sales = now.sales.slice(0, COLORS.length);
    push('chart-stock', sales.map(s => s.saleId), time, sales.map(s => s.remaining));
    const maps = Object.keys(now.nearCache).sort();
    const hitRates = maps.map(map => {
      const c = now.nearCache[map];
      const p = previous && previous.nearCache[map];
      const hits = c.hits - (p ? p.hits : 0);
      const reads = hits + c.misses - (p ? p.misses : 0);
      return reads > 0 ? 100 * hits / reads : null;
    });
    push('chart-cache', maps, time, hitRates);
    const pendingMaps = Object.keys(now.pendingWrites).sort();
    push('chart-pending', pendingMaps, time, pendingMaps.map(m => now.pendingWrites[m]));
    push('chart-members', ['members'], time, [now.members]);

    show('rps', previous ? fixed(sum(rates), 0) : '-');
    show('accepted-rate', previous ? fixed(rates[0], 0) : '-');
    show('accepted-total', fixed(now.purchases.accepted || 0, 0));
    show('p99', fixed(latency.p99, 1));
    show('remaining', sales.length ? String(sum(sales.map(s => s.remaining))) : '-');
    const hits = sum(maps.map(m => now.nearCache[m].hits));
    const reads = hits + sum(maps.map(m => now.nearCache[m].misses));
    show('hit-rate', reads > 0 ? fixed(100 * hits / reads, 1) + '%' : '-');
    show('pending', String(sum(pendingMaps.map(m => now.pendingWrites[m]))));
    show('members', String(now.members));
    show('breaker', now.breakerOpen ? 'OPEN' : 'closed');
    const reader = now.binlogReader;
    show('binlog-reader', reader ? reader.state + (reader.reason ? ': ' + reader.reason : '') : 'off');
    previous = now;
  }

  async function tick() {
    const status = document.getElementById('status');
    try {
      const response = await fetch('/dashboard/snapshot', {cache: 'no-store'});
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      draw(await response.json());
      status.textContent = 'live ' + new Date().toLocaleTimeString();
      status.className = 'status live';
    } catch (e) {
      status.textContent = 'no answer: ' + e.message;
      status.className = 'status stale';
    }
  }

  tick();
  setInterval(tick, 1000);
})();
