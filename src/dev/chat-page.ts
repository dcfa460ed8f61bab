// The local chat page (phone-sized, Japanese): shows text, quick replies and Flex bubbles as LINE would,
// closely enough to judge a reply. Script served separately so the page keeps a strict CSP.
export const CHAT_PAGE = `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ねりま相談ナビ（ローカル試用）</title>
<style>
  body { margin: 0; font-family: system-ui, "Hiragino Sans", "Noto Sans JP", sans-serif; background: #8cabd9; }
  .app { max-width: 420px; margin: 0 auto; min-height: 100vh; display: flex; flex-direction: column; background: #8cabd9; }
  header { background: #273246; color: #fff; padding: 12px 16px; font-weight: bold; }
  header small { display: block; font-weight: normal; opacity: .8; font-size: 12px; }
  #log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 8px; }
  .me { align-self: flex-end; background: #85e249; border-radius: 16px; padding: 8px 12px; max-width: 80%; white-space: pre-wrap; }
  .bot { align-self: flex-start; background: #fff; border-radius: 16px; padding: 8px 12px; max-width: 85%; white-space: pre-wrap; }
  .carousel { display: flex; gap: 8px; overflow-x: auto; align-self: stretch; padding-bottom: 4px; }
  .bubble { background: #fff; border-radius: 12px; min-width: 260px; max-width: 280px; padding: 12px; box-sizing: border-box; }
  .bubble .t { margin: 2px 0; } .bubble .bold { font-weight: bold; } .bubble .sm { font-size: 13px; color: #555; }
  .bubble .row { display: flex; gap: 6px; } .bubble hr { border: 0; border-top: 1px solid #ddd; }
  .bubble a.btn, .bubble button.btn { display: block; text-align: center; margin: 6px 0 0; padding: 8px; border-radius: 8px; background: #06c755; color: #fff; text-decoration: none; border: 0; font: inherit; width: 100%; }
  .bubble a.btn.secondary { background: #eef; color: #225; }
  .quick { display: flex; flex-wrap: wrap; gap: 6px; padding: 8px 12px; }
  .quick button { border: 1px solid #fff; background: rgba(255,255,255,.9); border-radius: 16px; padding: 6px 10px; font: inherit; font-size: 14px; }
  form { display: flex; gap: 8px; padding: 8px; background: #fff; }
  form input { flex: 1; font: inherit; padding: 8px; border: 1px solid #ccc; border-radius: 18px; }
  form button { font: inherit; padding: 8px 14px; border-radius: 18px; border: 0; background: #06c755; color: #fff; }
</style>
</head>
<body>
<div class="app">
  <header>ねりま相談ナビ<small>ローカル試用ページ（LINEアカウント不要）・緊急時は119／110へ</small></header>
  <div id="log" aria-live="polite"></div>
  <div class="quick" id="quick"></div>
  <form id="form"><input id="text" autocomplete="off" placeholder="困っていることを書いてください" aria-label="メッセージ"><button>送信</button></form>
</div>
<script src="/dev/chat.js"></script>
</body>
</html>`;

export const CHAT_SCRIPT = `(() => {
  const log = document.getElementById('log');
  const quick = document.getElementById('quick');
  const session = sessionStorage.getItem('session') || Math.random().toString(36).slice(2, 12);
  sessionStorage.setItem('session', session);
  const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; };
  const add = (node) => { log.appendChild(node); log.scrollTop = log.scrollHeight; };

  function action(a, label) {
    if (a.type === 'uri') { const x = el('a', 'btn' + (a.uri.startsWith('tel:') ? '' : ' secondary'), label || a.label); x.href = a.uri; x.target = '_blank'; x.rel = 'noopener'; return x; }
    const b = el('button', 'btn', label || a.label);
    b.onclick = () => a.type === 'postback' ? send({ postback: a.data }, a.displayText || a.label) : send({ text: a.text || a.label });
    return b;
  }
  function component(c) {
    if (c.type === 'box') { const d = el('div', c.layout === 'vertical' ? '' : 'row'); (c.contents || []).forEach((x) => d.appendChild(component(x))); return d; }
    if (c.type === 'text') { const cls = ['t']; if (c.weight === 'bold') cls.push('bold'); if (['xxs', 'xs', 'sm'].includes(c.size)) cls.push('sm'); const t = el('div', cls.join(' '), c.text || (c.contents || []).map((s) => s.text).join('')); if (c.color) t.style.color = c.color; return t; }
    if (c.type === 'button') return action(c.action);
    if (c.type === 'separator') return el('hr');
    return el('span');
  }
  function bubble(b) { const d = el('div', 'bubble'); ['header', 'hero', 'body', 'footer'].forEach((k) => { if (b[k]) d.appendChild(component(b[k])); }); return d; }
  function render(m) {
    if (m.type === 'text') add(el('div', 'bot', m.text));
    else if (m.type === 'flex') { const c = m.contents; const wrap = el('div', 'carousel'); (c.type === 'carousel' ? c.contents : [c]).forEach((b) => wrap.appendChild(bubble(b))); add(wrap); }
    else add(el('div', 'bot', '(' + m.type + ')'));
  }
  function quickReplies(items) {
    quick.textContent = '';
    (items || []).forEach((i) => { const b = el('button', '', i.action.label); b.onclick = () => i.action.type === 'postback' ? send({ postback: i.action.data }, i.action.displayText || i.action.label) : send({ text: i.action.text }); quick.appendChild(b); });
  }
  async function send(payload, shown) {
    add(el('div', 'me', shown || payload.text));
    quickReplies([]);
    try {
      const res = await fetch('/dev/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...payload, session }) });
      const data = await res.json();
      if (!res.ok) { add(el('div', 'bot', 'エラー: ' + (data.error || res.status))); return; }
      data.messages.forEach(render);
      const last = data.messages[data.messages.length - 1];
      quickReplies(last && last.quickReply ? last.quickReply.items : []);
    } catch (e) { add(el('div', 'bot', '通信できませんでした。')); }
  }
  document.getElementById('form').onsubmit = (e) => { e.preventDefault(); const t = document.getElementById('text'); const v = t.value.trim(); if (v) { t.value = ''; send({ text: v }); } };
  add(el('div', 'bot', 'ねりま相談ナビの試用ページです。困っていることを送ってみてください。'));
})();`;
