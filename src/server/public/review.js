// Review: keep the open criterion open across the form round-trip (the server redirects to #c-…).
(function () {
  'use strict';
  document.querySelectorAll('form.override select').forEach(function (s) {
    var ta = s.form.querySelector('textarea');
    s.addEventListener('change', function () { if (ta) ta.required = s.value !== 'auto'; });
  });
})();
