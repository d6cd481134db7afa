// workflow.test.js - the review workflow in Debian's headless Chromium, driven
// by puppeteer-core (run by tests/cli_web_workflow.sh, which starts the server
// on the bundled examples): a unit edits an indicator of a form and submits
// it; the reviewer returns it with a comment; the unit fixes it and submits
// again; the reviewer passes it; the form's 流转记录 shows every step. Each
// step through the pages' own buttons (web/assets/workflow.js), checked on the
// page and through the API. Environment: JIXIAO_URL, CHROMIUM, SHOTS_DIR; with
// AUTH=1 the server runs `serve --auth`: the unit user wang and the reviewer
// zhao sign in through /login for their steps (the pages send the CSRF token),
// and the admin's 审计日志 page (/admin) shows every step.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const puppeteer = require('puppeteer-core');

const base = process.env.JIXIAO_URL;
const shots = process.env.SHOTS_DIR;
let passed = 0;
let failed = 0;

function check(name, ok, detail) {
  if (ok) { passed++; console.log(`ok   ${name}`); }
  else { failed++; console.log(`FAIL ${name}${detail === undefined ? '' : ': ' + detail}`); }
}

const auth = process.env.AUTH === '1';
let cookie = '';   // the session of the signed-in page, for getJSON under --auth

async function getJSON(p) {
  const r = await fetch(base + p, { headers: cookie ? { Cookie: cookie } : {} });
  return r.json();
}

async function main() {
  let id = 0;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           `--user-data-dir=${profile}`, '--lang=zh-CN'],
  });
  const problems = [];
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1366, height: 900 });
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('dialog', async (d) => { problems.push(`dialog: ${d.message()}`); await d.dismiss(); });
    const visit = async (p) => (await page.goto(base + p, { waitUntil: 'load' })).status();
    const text = () => page.evaluate(() => document.body.innerText);
    const shot = async (name) => {
      const file = path.join(shots, name);
      await page.screenshot({ path: file, fullPage: true });
      check(`screenshot ${name}`, fs.statSync(file).size > 1000);
    };
    const status = () => page.$eval('#wf-status', (el) => el.textContent);
    // Sign in as name through the login page (under --auth); the previous session is dropped.
    const signIn = async (name, password) => {
      if (!auth) return;
      await page.deleteCookie(...(await page.cookies()));
      await visit('/login');
      await page.type('#user', name);
      await page.type('#password', password);
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#login-submit')]);
      const c = (await page.cookies()).map((k) => `${k.name}=${k.value}`).join('; ');
      check(`signed in as ${name}`, c.length > 0 && !page.url().includes('/login'), page.url());
      cookie = c;
    };
    await signIn('wang', 'unit-pass-1');
    const forms = (await getJSON('/api/forms')).forms;
    const form = forms.find((f) => f.name === '职业技能提升培训专项');
    check('the form to review is there', !!form);
    id = form.id;
    // Click a button of the form page that reloads it when the API says yes.
    const act = async (selector) => {
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(selector)]);
    };
    // On the edit page: set one indicator's target; save (the result lists the saved form's findings).
    const setTarget = async (rowName, target) => {
      let done = false;
      for (const row of await page.$$('#indicators tbody tr')) {
        if ((await row.$eval('.ind-name', (el) => el.value)) !== rowName) continue;
        const input = await row.$('.ind-target');
        await input.click({ clickCount: 3 });
        await input.type(target);
        done = true;
      }
      check(`edit page: the row ${rowName} is there`, done);
    };
    const save = async () => {
      await page.click('#edit-save');
      await page.waitForFunction(() => document.getElementById('edit-result').textContent !== '', { timeout: 10000 });
      const said = await page.$eval('#edit-result', (el) => el.textContent);
      check('saved', said.startsWith('已保存'), said);
      return said;
    };

    // 1. The unit edits an indicator (预算执行率 ≥95% -> ≥98%) and adds one; the findings are shown on save.
    check('form page: 草稿', (await visit(`/forms/${id}`)) === 200 && (await status()) === '草稿');
    check('edit page: 200', (await visit(`/forms/${id}/edit`)) === 200);
    await page.click('#ind-add');
    const last = (await page.$$('#indicators tbody tr')).pop();
    await (await last.$('.ind-level1')).type('产出目标');
    await (await last.$('.ind-level2')).type('数量');
    await (await last.$('.ind-name')).type('线上课程上线数量');
    await (await last.$('.ind-target')).type('≥20门');
    // the new row moved up above the last original row
    await (await last.$('.ind-up')).click();
    await setTarget('预算执行率', '≥98%');
    await shot('workflow-edit.png');
    let t = await save();
    check('edit saved: the findings of the saved form', t.includes('已保存') && t.includes('审核意见 1 条'), t.slice(-300));
    let api = await getJSON(`/api/forms/${id}`);
    const ind = api.indicators.find((i) => i.name === '预算执行率');
    check('edit saved: the target and its parsed value', ind && ind.target.text === '≥98%' && ind.target.value === 98,
          JSON.stringify(ind && ind.target));
    check('edit saved: the added row, moved', api.indicators.length === 12 &&
          api.indicators[10].name === '线上课程上线数量' && api.indicators[11].name === '培训质量评估机制健全性',
          api.indicators.map((i) => i.name).join(','));
    check('edit saved: version 2', (await getJSON(`/api/forms/${id}/versions`)).current === 2);

    // 2. The unit submits.
    await visit(`/forms/${id}`);
    await page.type('#wf-comment', '请审核');
    await act('button[data-action=submit]');
    check('submitted: 已提交', (await status()) === '已提交');
    check('submitted: no edit link', (await page.$('a.edit-link')) === null);

    // 3. The reviewer returns it: without a comment the page says so and nothing happens.
    if (auth) {
      check('a unit user has no 退回 or 通过 to press', (await page.$('button[data-action=return]')) === null &&
            (await page.$('button[data-action=approve]')) === null);
      await signIn('zhao', 'review-pass-1');
      await visit(`/forms/${id}`);
    }
    await page.click('button[data-action=return]');
    await page.waitForFunction(() => document.getElementById('wf-message').textContent.includes('必须填写意见'));
    check('return without a comment: refused on the page', (await status()) === '已提交');
    await page.type('#wf-comment', '预算执行率应与上年执行情况衔接，请补充线上课程的质量指标');
    await act('button[data-action=return]');
    check('returned: 已退回', (await status()) === '已退回');
    t = await text();
    check('returned: the comment in the history', t.includes('预算执行率应与上年执行情况衔接'));
    // The reviewer also dismisses the vague-target finding, with a reason.
    const row = await page.$('#dispositions tr.finding-row[data-rule="vague-target"]');
    check('the vague-target finding is listed for disposition', !!row);
    if (row) {
      await (await row.$('.disp-reason')).type('上年就业率已在附表列明');
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), (await row.$('button[data-decision=dismiss]')).click()]);
      const decided = await page.$eval('#dispositions tr.finding-row[data-rule="vague-target"] td.decision', (td) => td.textContent);
      check('dismissed: 不采纳 shown', decided === '不采纳', decided);
    }
    await shot('workflow-returned.png');

    // 4. The unit fixes it (a quality indicator for the new courses) and submits again.
    await signIn('wang', 'unit-pass-1');
    check('edit page again: 200', (await visit(`/forms/${id}/edit`)) === 200);
    await setTarget('线上课程上线数量', '≥24门');
    t = await save();
    check('fix saved', t.includes('已保存'));
    await visit(`/forms/${id}`);
    await act('button[data-action=submit]');
    check('resubmitted: 已提交', (await status()) === '已提交');

    // 5. The reviewer passes it.
    if (auth) {
      await signIn('zhao', 'review-pass-1');
      await visit(`/forms/${id}`);
    }
    await act('button[data-action=approve]');
    check('approved: 已通过', (await status()) === '已通过');
    check('approved: no more actions', (await page.$$('button.wf-action')).length === 0);

    // 6. 流转记录 shows every step, in order.
    const steps = await page.$$eval('#history tbody tr', (trs) => trs.map((tr) => tr.querySelector('.action').textContent));
    check('history: every step', steps.join(',') === '修改,提交,退回,不采纳,修改,提交,通过', steps.join(','));
    const hist = (await getJSON(`/api/forms/${id}/history`)).history;
    check('history (API): statuses', hist.map((e) => e.to).join(',') ===
          'draft,submitted,returned,returned,returned,submitted,approved', hist.map((e) => e.to).join(','));
    check('history (API): versions', hist.map((e) => e.version).join(',') === '2,2,2,2,3,3,3',
          hist.map((e) => e.version).join(','));
    api = await getJSON(`/api/forms/${id}`);
    check('approved form: the dismissed finding leaves the grade', api.review.score === 100 && api.status === 'approved',
          JSON.stringify(api.review));
    await shot('workflow-approved.png');

    // 7. The diff of the versions shows the two edits.
    check('versions page: 200', (await visit(`/forms/${id}/versions`)) === 200);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('form.filters button[type=submit]')]);
    t = await text();
    check('diff 1 -> 3: the changed target and the added row', t.includes('≥98%') && t.includes('线上课程上线数量') &&
          t.includes('≥24门'), t.slice(0, 600));
    await shot('workflow-diff.png');
    // 8. The 审计日志 page (admin): every step, by whom, with the versions.
    if (auth) {
      await signIn('admin', 'admin-pass-1');
      check('audit page: 200', (await visit('/admin')) === 200);
      const rows = await page.$$eval('#audit tbody tr', (trs) => trs.map((tr) => {
        const td = tr.querySelectorAll('td');
        return { action: tr.getAttribute('data-action'), user: td[2].textContent, form: td[5].textContent,
                 version: td[6].textContent };
      }));
      const steps = rows.filter((r) => r.form === String(id) && /^(form|finding)\./.test(r.action)).reverse()
        .map((r) => `${r.action}:${r.user}:${r.version}`).join(',');
      check('audit page: every step of the form, in order', steps ===
            'form.edit:wang:1 → 2,form.submit:wang:2 → 2,form.return:zhao:2 → 2,' +
            'finding.disposition:zhao:2 → 2,form.edit:wang:2 → 3,form.submit:wang:3 → 3,form.approve:zhao:3 → 3', steps);
      check('audit page: the sign-ins', rows.filter((r) => r.action === 'login').length === 5,
            rows.map((r) => r.action).join(','));
      const t8 = await text();
      check('audit page: the return comment in the detail', t8.includes('预算执行率应与上年执行情况衔接'));
      await shot('workflow-audit.png');
    }
    check('no console errors, page errors or dialogs', problems.length === 0, problems.join('; '));
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().then(() => {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}, (e) => {
  console.log(`FAIL ${e.stack || e}`);
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
