// Review: keep the open criterion open across the form round-trip (the server redirects to #c-…).
(function () {
  'use strict';
  // A score that differs from the automated proposal is an override: the motivation is required.
  document.querySelectorAll('form[data-proposal]').forEach(function (f) {
    var s = f.querySelector('select');
    var ta = f.querySelector('textarea');
    if (!s || !ta) return;
    var update = function () { ta.required = f.dataset.proposal === '' || s.value !== f.dataset.proposal; };
    s.addEventListener('change', update);
    update();
  });
})();
