// browser.test.js - the pages of `jixiao serve` in Debian's headless Chromium,
// driven by puppeteer-core. Run by tests/cli_web_browser.sh, which starts the
// server on the bundled examples and passes:
//   JIXIAO_URL   base URL of the running server (no trailing slash)
//   CHROMIUM     the browser binary
//   SHOTS_DIR    where screenshots go (under the build directory)
//   FIXTURES     tests/web/fixtures;  BAD_FIXTURE  a file the importer rejects,
//   BAD_LINE     at this line (as the CLI reports it)
// Every page: visible content asserted, no JavaScript console error, no
// failed request, no dialog (an alert would mean injected script ran).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const puppeteer = require('puppeteer-core');

const base = process.env.JIXIAO_URL;
const shots = process.env.SHOTS_DIR;
const fixtures = process.env.FIXTURES;
const badFixture = process.env.BAD_FIXTURE;
const badLine = process.env.BAD_LINE;   // the line the CLI names for BAD_FIXTURE
let passed = 0;
let failed = 0;

function check(name, ok, detail) {
  if (ok) {
    passed++;
    console.log(`ok   ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name}${detail === undefined ? '' : ': ' + detail}`);
  }
}

async function getJSON(p) {
  const r = await fetch(base + p);
  return r.json();
}

// A page that records what must not happen on it. Chromium logs a document
// answered with an error status as a console error: the one status a step
// expects (page.expectStatus) is let through, once.
async function newPage(browser, problems) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1366, height: 860 });
  page.expectStatus = null;
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (page.expectStatus && m.text().includes(`status of ${page.expectStatus} `)) {
      page.expectStatus = null;
      return;
    }
    problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure() && r.failure().errorText}`));
  page.on('dialog', async (d) => {
    problems.push(`dialog (injected script ran?): ${d.message()}`);
    await d.dismiss();
  });
  return page;
}

const text = (page) => page.evaluate(() => document.body.innerText);

async function shot(page, name, fullPage = true) {
  const file = path.join(shots, name);
  await page.screenshot({ path: file, fullPage });
  check(`screenshot ${name}`, fs.statSync(file).size > 1000);
}

async function main() {
  const exp = await getJSON('/api/export');
  const findings = (await getJSON('/api/findings')).findings;
  const forms = exp.forms;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           `--user-data-dir=${profile}`, '--lang=zh-CN'],
  });
  try {
    const problems = [];
    const page = await newPage(browser, problems);
    const visit = async (p) => {
      const r = await page.goto(base + p, { waitUntil: 'load' });
      return r.status();
    };

    // 项目列表
    check('list: 200', (await visit('/')) === 200);
    let t = await text(page);
    for (const f of forms) check(`list shows ${f.name}`, t.includes(f.name));
    check('list: count', t.includes(`共 ${forms.length} 个项目`), t.slice(0, 200));
    const counts = await page.$$eval('td.indicator-count', (tds) => tds.map((td) => td.innerText.trim()));
    check('list: indicator counts', counts.join(',') === forms.map((f) => String(f.indicators.length)).join(','),
          counts.join(','));
    await shot(page, 'list.png');
    // The year select submits itself (app.js).
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.select('select[name=year]', '2023')]);
    t = await text(page);
    const n2023 = forms.filter((f) => f.year === 2023).length;
    check('list: year filter by select', page.url().includes('year=2023') && t.includes(`共 ${n2023} 个项目`),
          page.url());
    await visit('/');
    await page.type('input[name=q]', '家庭医生');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('form.filters button[type=submit]')]);
    t = await text(page);
    check('list: search', t.includes('共 1 个项目') && t.includes('家庭医生签约服务能力提升项目'), t.slice(0, 300));

    // 项目详情 of every form
    for (const f of forms) {
      check(`detail ${f.id}: 200`, (await visit(`/forms/${f.id}`)) === 200);
      t = await text(page);
      check(`detail ${f.id}: name`, t.includes(f.name));
      check(`detail ${f.id}: indicator count`, t.includes(`（共 ${f.indicators.length} 项）`));
      for (const ind of f.indicators) {
        if (ind.name) check(`detail ${f.id}: indicator ${ind.name}`, t.includes(ind.name));
      }
      const own = findings.filter((x) => x.form_id === f.id);
      for (const x of own) check(`detail ${f.id}: finding ${x.rule} shown`, t.includes(x.message), x.message);
      // An indicator's finding sits in that indicator's row.
      const rowFinding = own.find((x) => f.indicators.some((i) => i.line === x.source.line && x.where.includes('/')));
      if (rowFinding) {
        const rowText = await page.$eval(`tr#line-${rowFinding.source.line}`, (tr) => tr.innerText);
        check(`detail ${f.id}: finding beside its row`, rowText.includes(rowFinding.message), rowText);
      }
      await shot(page, `detail-${f.id}.png`);
    }
    // 审核意见书 of every form: the grade, every own finding with its suggestion, printable
    for (const f of forms) {
      check(`opinion ${f.id}: 200`, (await visit(`/forms/${f.id}/opinion`)) === 200);
      t = await text(page);
      check(`opinion ${f.id}: title`, t.includes(`“${f.name}”项目绩效目标审核意见`));
      check(`opinion ${f.id}: grade`, /审核等级建议为“[优良中差]”（\d+分）/.test(t), t.slice(0, 400));
      const own = findings.filter((x) => x.form_id === f.id && x.scope !== 'disclosure');
      for (const x of own) {
        check(`opinion ${f.id}: ${x.rule} line ${x.source.line}`, t.includes(x.message), x.message);
        if (x.suggestion) check(`opinion ${f.id}: suggestion of ${x.rule}`, t.includes(x.suggestion), x.suggestion);
      }
      if (!own.length) check(`opinion ${f.id}: no problem`, t.includes('未发现需要修改的问题'));
    }
    await visit('/forms/1');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('a[href="/forms/1/opinion"]')]);
    check('detail links its opinion', page.url().endsWith('/forms/1/opinion'));
    await page.emulateMediaType('print');
    await visit('/forms/1/opinion');
    check('opinion: navigation hidden when printed',
          !(await page.$eval('header.top', (h) => getComputedStyle(h).display !== 'none')));
    await shot(page, 'opinion-1-print.png');
    await visit('/forms/1');
    const navShown = await page.$eval('header.top', (h) => getComputedStyle(h).display !== 'none');
    check('detail: navigation hidden when printed', !navShown);
    await shot(page, 'detail-1-print.png');
    await page.emulateMediaType('screen');

    // 审核意见
    check('findings: 200', (await visit('/findings')) === 200);
    t = await text(page);
    check('findings: count', t.includes(`共 ${findings.length} 条`));
    if (findings.length) check('findings: a message', t.includes(findings[0].message), findings[0].message);
    await shot(page, 'findings.png');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.select('select[name=severity]', 'warning')]);
    const sevs = await page.$$eval('table.findings tbody tr', (trs) => trs.map((tr) => tr.className));
    const nwarn = findings.filter((x) => x.severity === 'warning').length;
    check('findings: severity filter', sevs.length === nwarn && sevs.every((c) => c === 'sev-warning'),
          `${sevs.length} rows, want ${nwarn}`);

    // 汇总
    check('summary: 200', (await visit('/summary')) === 200);
    const kpi = await page.$eval('#kpi-forms', (e) => e.innerText.trim());
    check('summary: project count', kpi === String(forms.length), kpi);
    const ind = await page.$eval('#kpi-indicators', (e) => e.innerText.trim());
    check('summary: indicator count', ind === String(forms.reduce((a, f) => a + f.indicators.length, 0)), ind);
    for (const c of ['money-by-unit', 'indicators-by-level1', 'findings-by-rule']) {
      const bars = await page.$$eval(`svg.${c} rect`, (rs) => rs.length);
      check(`summary: chart ${c} has bars`, bars > 0, bars);
    }
    const units = await page.$$eval('svg.money-by-unit text.label', (ts) => ts.map((e) => e.textContent));
    check('summary: chart names a unit', units.some((u) => forms.some((f) => f.unit && (f.unit.startsWith(u.replace('…', ''))))),
          units.join(','));
    await shot(page, 'summary.png');

    // 导入: a good file through the page
    check('import: 200', (await visit('/import')) === 200);
    const button = 'button#upload-submit';
    check('import: button waits for a file', await page.$eval(button, (b) => b.disabled));
    const input = await page.$('input[type=file]');
    await input.uploadFile(path.join(fixtures, 'upload_form.md'));
    await page.waitForFunction((b) => !document.querySelector(b).disabled, {}, button);
    check('import: button names the file', (await page.$eval(button, (b) => b.textContent)).includes('upload_form.md'));
    await shot(page, 'import.png');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(button)]);
    t = await text(page);
    check('import: result', t.includes('导入成功') && t.includes('upload_form.md') && t.includes('示例区老年助餐点运营补贴项目'),
          t.slice(0, 300));
    await shot(page, 'import-ok.png');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('ul.imported a')]);
    t = await text(page);
    check('import: the new form opens', t.includes('示例区老年助餐点运营补贴项目') && t.includes('（共 8 项）'));
    const after = await getJSON('/api/forms');
    check('import: stored', after.total === forms.length + 1, after.total);

    // 导入: a bad file gives the file, the line and the message; nothing changes
    await visit('/import');
    await (await page.$('input[type=file]')).uploadFile(badFixture);
    page.expectStatus = 400;
    const [bad] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(button)]);
    check('import error: 400', bad.status() === 400, bad.status());
    t = await text(page);
    check('import error: shown', t.includes('导入失败') && t.includes(path.basename(badFixture)) &&
          t.includes(`第 ${badLine} 行`) && t.includes('“十万元整”不是金额'), t.slice(0, 400));
    check('import error: database unchanged', (await getJSON('/api/forms')).total === forms.length + 1);
    await shot(page, 'import-error.png');

    // XSS: a form whose texts are markup shows them as text, and no script runs.
    await visit('/import');
    await (await page.$('input[type=file]')).uploadFile(path.join(fixtures, 'xss_form.md'));
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(button)]);
    const xssLink = await page.$eval('ul.imported a', (a) => [a.getAttribute('href'), a.textContent]);
    check('xss: name listed as text', xssLink[1] === '<script>alert(1)</script>', xssLink[1]);
    await visit('/');
    t = await text(page);
    check('xss: list shows the name as text', t.includes('<script>alert(1)</script>'));
    await visit(xssLink[0]);
    const shown = await page.$eval('td.project-name', (td) => td.textContent);
    check('xss: detail shows the name as text', shown === '<script>alert(1)</script>', shown);
    const injected = await page.evaluate(() => document.querySelectorAll('main script, main img, main b').length);
    check('xss: no element injected', injected === 0, injected);
    await shot(page, 'xss.png');
    await visit('/?q=' + encodeURIComponent('"><img src=x onerror=alert(5)>'));
    check('xss: reflected search is text', (await page.$eval('input[name=q]', (i) => i.value)) === '"><img src=x onerror=alert(5)>');

    // 绩效自评 in the navigation, and a project's targets across the years (one form of the examples).
    await visit('/');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('header nav a[href="/evaluations"]')]);
    check('evaluations: reached by the nav link', page.url().endsWith('/evaluations') &&
          (await page.$eval('header nav a.active', (a) => a.textContent)) === '绩效自评', page.url());
    const f0 = forms[0];
    check('history: 200', (await visit('/evaluations/history?name=' + encodeURIComponent(f0.name))) === 200);
    const years = await page.$$eval('#history-years tbody tr', (trs) => trs.map((tr) => tr.cells[0].innerText.trim()));
    const same = forms.filter((f) => f.name === f0.name);
    check('history: the project\'s years', years.join(',') === same.map((f) => String(f.year)).sort().join(','), years.join(','));
    const names = await page.$$eval('#history-targets tbody tr', (trs) => trs.map((tr) => tr.cells[2].innerText.trim()));
    const declared = [...new Set(same.flatMap((f) => f.indicators.map((x) => x.name)).filter((n) => n))];
    check('history: every declared indicator, once', names.length === declared.length &&
          declared.every((n) => names.includes(n)), `${names.length} rows, ${declared.length} indicators`);
    await shot(page, 'history.png');

    // Unknown pages are a readable 404.
    page.expectStatus = 404;
    check('404 page', (await visit('/forms/999')) === 404 && (await text(page)).includes('没有编号为 999 的项目'));

    check('no console errors, failed requests or dialogs', problems.length === 0, problems.join(' | '));
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main()
  .catch((e) => {
    failed++;
    console.log(`FAIL ${e.stack || e}`);
  })
  .finally(() => {
    console.log(`${passed} passed, ${failed} failed`);
    process.exitCode = failed ? 1 : 0;
  });
