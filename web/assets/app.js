/*
** app.js - the little plain JavaScript the pages use. Every page works
** without it: it only submits filter forms when a select changes, wires the
** print button, and keeps the import button honest about the chosen file.
*/
(function () {
  'use strict';

  document.querySelectorAll('select.autosubmit').forEach(function (sel) {
    sel.addEventListener('change', function () {
      if (sel.form) sel.form.submit();
    });
  });

  document.querySelectorAll('.print-button').forEach(function (btn) {
    btn.addEventListener('click', function () { window.print(); });
  });

  var file = document.getElementById('file');
  var submit = document.getElementById('upload-submit');
  if (file && submit) {
    var update = function () {
      var f = file.files && file.files[0];
      submit.disabled = !f;
      submit.textContent = f ? '导入 ' + f.name : '导入';
    };
    file.addEventListener('change', update);
    update();
  }
})();
