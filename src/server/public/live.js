// Live overview: server-sent events update one pod card at a time.
(function () {
  'use strict';
  var root = document.getElementById('pods');
  if (!root || !window.EventSource) return;
  var w = JSON.parse(root.dataset.words);
  var status = document.getElementById('live-status');
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
  function fmt(n) { return Number.isInteger(n) ? String(n) : n.toFixed(1); }
  function render(p) {
    var card = document.getElementById('pod-' + p.pod);
    if (!card) { card = el('article'); card.id = 'pod-' + p.pod; root.appendChild(card); }
    var hadFocus = card.contains(document.activeElement);
    card.className = 'pod state-' + p.state + (p.fail || p.error ? ' has-fail' : '');
    card.setAttribute('aria-labelledby', 'pod-' + p.pod + '-h');
    card.textContent = '';
    var h = el('h2', null, p.pod); h.id = 'pod-' + p.pod + '-h';
    if (p.candidate) h.appendChild(el('span', 'cand', ' · ' + p.candidate.number + ' ' + p.candidate.name));
    card.appendChild(h);
    var meta = el('p', 'meta');
    meta.appendChild(el('span', 'phase', p.phase ? w.phases[p.phase] : ''));
    meta.appendChild(document.createTextNode(' '));
    meta.appendChild(el('span', 'state', w.runStatus[p.state] || p.state));
    card.appendChild(meta);
    var pct = p.total ? Math.round(100 * p.decided / p.total) : (p.state === 'done' ? 100 : 0);
    var pr = el('progress'); pr.max = 100; pr.value = pct; pr.textContent = pct + '%'; pr.setAttribute('aria-label', p.pod + ' ' + pct + '%');
    card.appendChild(pr);
    var counts = el('p', 'counts');
    counts.appendChild(el('span', 'c-pass', p.pass + ' ' + w.pass)); counts.appendChild(document.createTextNode(' · '));
    counts.appendChild(el('span', 'c-fail', p.fail + ' ' + w.fail)); counts.appendChild(document.createTextNode(' · '));
    counts.appendChild(el('span', 'c-error', p.error + ' ' + w.error));
    card.appendChild(counts);
    var sc = el('p', 'score'); sc.appendChild(document.createTextNode(w.provisional + ': '));
    var strong = el('strong', null, fmt(p.points) + '/' + fmt(p.maxPoints)); sc.appendChild(strong);
    if (p.grade !== undefined && p.grade !== null) sc.appendChild(document.createTextNode(' · ' + w.grade + ' ' + p.grade.toFixed(1)));
    if (p.outcome) { sc.appendChild(document.createTextNode(' · ')); sc.appendChild(el('span', 'outcome-' + p.outcome, w.outcomes[p.outcome] || p.outcome)); }
    card.appendChild(sc);
    if (p.unreachable.length) {
      var u = el('p', 'unreach'); u.setAttribute('role', 'alert');
      p.unreachable.forEach(function (x) { u.appendChild(el('span', null, x.device + ' ' + w.unreachable + ': ' + x.message)); });
      card.appendChild(u);
    }
    if (p.message) card.appendChild(el('p', 'unreach', p.message));
    var ul = el('ul', 'failing');
    p.failing.slice(0, 8).forEach(function (f) {
      var li = el('li', 'f-' + f.status); li.appendChild(el('strong', null, f.id)); li.appendChild(document.createTextNode(': ' + f.message)); ul.appendChild(li);
    });
    if (p.failing.length > 8) ul.appendChild(el('li', null, '… +' + (p.failing.length - 8)));
    card.appendChild(ul);
    var a = el('a', null, w.review + ' ' + p.pod); a.href = root.dataset.review + encodeURIComponent(p.pod);
    var pa = el('p'); pa.appendChild(a); card.appendChild(pa);
    if (hadFocus) a.focus();
  }
  var es = new EventSource(root.dataset.events);
  es.addEventListener('pod', function (e) { render(JSON.parse(e.data)); });
  es.addEventListener('open', function () { status.textContent = ''; });
  es.addEventListener('error', function () { status.textContent = '…'; });
})();
