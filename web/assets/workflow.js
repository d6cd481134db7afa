/*
** workflow.js - the workflow's actions on the pages, against the JSON API:
** 提交/退回/通过 and comments on the form page, 采纳/不采纳 of each finding,
** and the edit page (rows added, deleted, moved; saved with PUT as a new
** version). Every change is the API's: the pages show what the store holds
** once reloaded. Requests carry the session's CSRF token (the pages' csrf
** field) under serve --auth.
*/
(function () {
  'use strict';

  /* The session's CSRF token: the csrf field the pages carry under serve --auth (none without it). */
  function csrf() {
    var f = document.querySelector('input[name="csrf"]');
    return f && f.value ? f.value : null;
  }

  /* A JSON request; resolves to {ok, status, data}. */
  function api(method, url, body) {
    var headers = {'Content-Type': 'application/json'};
    var token = csrf();
    if (token) headers['X-CSRF-Token'] = token;
    return fetch(url, {method: method, headers: headers, credentials: 'same-origin',
                       body: body === undefined ? undefined : JSON.stringify(body)})
      .then(function (r) {
        return r.json().then(function (d) { return {ok: r.ok, status: r.status, data: d}; },
                             function () { return {ok: false, status: r.status, data: null}; });
      }, function () { return {ok: false, status: 0, data: null}; });
  }

  function errorText(res) {
    if (res.data && res.data.error) return res.data.error.message;
    return res.status ? '请求失败（' + res.status + '）' : '无法连接服务器';
  }

  function say(el, text, bad) {
    if (!el) return;
    el.textContent = text;
    el.className = el.className.replace(/ ?(ok|bad)$/, '') + (bad ? ' bad' : ' ok');
  }

  /* ---- the form page ---- */
  var wf = document.getElementById('workflow');
  if (wf) {
    var id = wf.getAttribute('data-form');
    var message = document.getElementById('wf-message');
    wf.querySelectorAll('.wf-action').forEach(function (btn) {
      btn.addEventListener('click', function () {
        var comment = document.getElementById('wf-comment');
        var text = comment ? comment.value.trim() : '';
        if (btn.getAttribute('data-needs-comment') && !text) {
          say(message, btn.textContent + '时必须填写意见', true);
          return;
        }
        btn.disabled = true;
        api('POST', '/api/forms/' + id + '/' + btn.getAttribute('data-action'), text ? {comment: text} : {})
          .then(function (res) {
            if (res.ok) { say(message, '已' + btn.textContent + '：' + res.data.status_label); location.reload(); }
            else { say(message, errorText(res), true); btn.disabled = false; }
          });
      });
    });
  }

  document.querySelectorAll('#dispositions .disp').forEach(function (btn) {
    btn.addEventListener('click', function () {
      var row = btn.closest('tr');
      var reason = row.querySelector('.disp-reason').value.trim();
      var decision = btn.getAttribute('data-decision');
      var message = document.getElementById('wf-message');
      if (decision === 'dismiss' && !reason) { say(message, '不采纳时必须说明理由', true); return; }
      api('POST', '/api/findings/' + row.getAttribute('data-finding') + '/disposition',
          {decision: decision, reason: reason, rule: row.getAttribute('data-rule')})
        .then(function (res) {
          if (res.ok) location.reload();
          else say(message, errorText(res), true);
        });
    });
  });

  var add = document.getElementById('comment-add');
  if (add) {
    add.addEventListener('click', function () {
      var box = document.getElementById('comments');
      var text = document.getElementById('comment-text').value.trim();
      var where = document.getElementById('comment-where').value;
      var message = document.getElementById('wf-message');
      if (!text) { say(message, '意见不能为空', true); return; }
      api('POST', '/api/forms/' + box.getAttribute('data-form') + '/comments',
          where ? {where: where, comment: text} : {comment: text})
        .then(function (res) {
          if (res.ok) location.reload();
          else say(message, errorText(res), true);
        });
    });
  }

  /* ---- the edit page ---- */
  var form = document.getElementById('edit-form');
  if (!form) return;
  var formId = form.getAttribute('data-form');
  var body = form.querySelector('#indicators tbody');
  var template = form.querySelector('#indicators tfoot tr');
  var result = document.getElementById('edit-result');

  function wire(row) {
    row.querySelector('.ind-up').addEventListener('click', function () {
      if (row.previousElementSibling) body.insertBefore(row, row.previousElementSibling);
    });
    row.querySelector('.ind-down').addEventListener('click', function () {
      if (row.nextElementSibling) body.insertBefore(row.nextElementSibling, row);
    });
    row.querySelector('.ind-delete').addEventListener('click', function () { row.remove(); });
  }
  body.querySelectorAll('tr').forEach(wire);
  document.getElementById('ind-add').addEventListener('click', function () {
    var row = template.cloneNode(true);
    body.appendChild(row);
    wire(row);
    row.querySelector('.ind-level1').focus();
  });

  /* "12.5" 万元 -> yuan (exact to the fen); null for empty; NaN for no number. */
  function yuan(text) {
    text = text.replace(/[,\s]/g, '');
    if (!text) return null;
    if (!/^\d+(\.\d{1,6})?$/.test(text)) return NaN;
    return Math.round(parseFloat(text) * 1e6) / 100;
  }

  function setKey(obj, key, value) {
    var dot = key.indexOf('.');
    if (dot < 0) { obj[key] = value; return; }
    var group = key.slice(0, dot);
    if (!obj[group] || typeof obj[group] !== 'object') obj[group] = {};
    obj[group][key.slice(dot + 1)] = value;
  }

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    api('GET', '/api/forms/' + formId).then(function (res) {
      if (!res.ok) { say(result, errorText(res), true); return; }
      var obj = res.data;
      delete obj.review;
      delete obj.findings;
      var bad = null;
      form.querySelectorAll('input.field, textarea.field').forEach(function (el) {
        var key = el.getAttribute('data-key');
        var v = el.value.trim();
        if (key === 'year') {
          if (v && !/^\d{4}$/.test(v)) bad = '年度应为四位数字';
          setKey(obj, key, v ? parseInt(v, 10) : null);
        } else {
          setKey(obj, key, v || null);
        }
      });
      form.querySelectorAll('input.money').forEach(function (el) {
        var v = yuan(el.value);
        if (v !== v) bad = '金额应为万元数（最多六位小数）：' + el.value;
        setKey(obj, el.getAttribute('data-key'), v);
      });
      obj.indicators = [];
      body.querySelectorAll('tr').forEach(function (row) {
        var get = function (cls) { var v = row.querySelector(cls).value.trim(); return v || null; };
        var ind = {level1: get('.ind-level1'), level2: get('.ind-level2'), name: get('.ind-name'),
                   target: {text: get('.ind-target')}, line: parseInt(row.getAttribute('data-line'), 10) || 0};
        if (ind.level1 || ind.level2 || ind.name || ind.target.text) obj.indicators.push(ind);
      });
      if (bad) { say(result, bad, true); return; }
      api('PUT', '/api/forms/' + formId, obj).then(function (saved) {
        if (!saved.ok) { say(result, errorText(saved), true); return; }
        var f = saved.data;
        result.innerHTML = '';
        var p = document.createElement('p');
        p.className = 'saved ok';
        p.textContent = '已保存。审核建议：' + (f.review && f.review.grade ? f.review.grade : '-') +
                        '，审核意见 ' + f.findings.length + ' 条。';
        var link = document.createElement('a');
        link.href = '/forms/' + formId;
        link.textContent = '返回项目';
        p.appendChild(document.createTextNode(' '));
        p.appendChild(link);
        result.appendChild(p);
        var list = document.createElement('ul');
        list.className = 'saved-findings';
        f.findings.forEach(function (x) {
          var li = document.createElement('li');
          li.textContent = x.title + '：' + x.message;
          list.appendChild(li);
        });
        result.appendChild(list);
      });
    });
  });
})();
