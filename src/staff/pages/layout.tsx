// The page frame every staff page shares: Japanese, phone-sized, one inline stylesheet allowed by its CSP nonce.
import { html, raw } from 'hono/html';
import type { Child } from 'hono/jsx';

const STYLE = `
*{box-sizing:border-box}body{margin:0;font-family:system-ui,"Hiragino Sans","Noto Sans JP",sans-serif;line-height:1.6;color:#1f2933;background:#f5f7fa}
header{background:#234;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center}
header a{color:#fff}header .who{margin-left:auto;font-size:.85rem}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.3rem;margin:.5rem 0 1rem}h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
.card{background:#fff;border:1px solid #d9e2ec;border-radius:.5rem;padding:.75rem;margin:.5rem 0;display:block;color:inherit;text-decoration:none}
a.card:hover{border-color:#486581}
.meta{font-size:.85rem;color:#52606d;display:flex;flex-wrap:wrap;gap:.25rem .75rem}
.badge{display:inline-block;border-radius:.25rem;padding:0 .4rem;font-size:.8rem;font-weight:bold;color:#fff;background:#627d98}
.lv-emergency{background:#b91c1c}.lv-high{background:#c2410c}.lv-abuse{background:#7c3aed}.lv-concern{background:#0f766e}
.st-new{background:#b91c1c}.st-in_progress{background:#b45309}.st-done{background:#4b5563}
.turn{margin:.4rem 0;padding:.5rem .75rem;border-radius:.5rem;white-space:pre-wrap;word-break:break-word}
.turn-in{background:#fff;border:1px solid #d9e2ec;margin-right:2rem}.turn-bot{background:#e6f6ff;margin-left:2rem}.turn-staff{background:#fff4d6;margin-left:2rem}
.translation{margin-top:.4rem;padding-top:.4rem;border-top:1px dashed #9fb3c8;color:#334e68}.translation .meta{display:block;font-size:.8rem}
form{margin:.5rem 0}label{display:block;font-size:.9rem;margin:.25rem 0}
input[type=text],input[type=password],select,textarea{width:100%;font-size:1rem;padding:.5rem;border:1px solid #9fb3c8;border-radius:.25rem}
textarea{min-height:5rem}button{font-size:1rem;padding:.5rem 1rem;margin-top:.25rem;border:0;border-radius:.25rem;background:#234;color:#fff}
.row{display:flex;gap:.5rem;align-items:flex-end}.row>*{flex:1}.row>button{flex:0 0 auto}
table{border-collapse:collapse;width:100%;background:#fff}td,th{border:1px solid #d9e2ec;padding:.3rem .5rem;text-align:left}
.notice{background:#fff4d6;border:1px solid #f0b429;padding:.5rem;border-radius:.25rem}.error{background:#fde8e8;border:1px solid #e12d39;padding:.5rem;border-radius:.25rem}
form.inline{display:inline;margin:0 0 0 .5rem}form.inline button{padding:.2rem .5rem;font-size:.85rem;background:#486581}
ol.audit{padding-left:1.2rem}ol.audit li{margin:.2rem 0;white-space:pre-wrap;word-break:break-word}
`;

export type LayoutProps = { title: string; nonce: string; actor?: string | undefined; csrf?: string | undefined; children?: Child };

export function Layout(props: LayoutProps) {
  const body = (
    <html lang="ja">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{props.title}｜ねりま相談ナビ 職員画面</title>
        {/* A constant of ours, never resident text: raw keeps CSS selectors like a>b intact. */}
        <style nonce={props.nonce}>{raw(STYLE)}</style>
      </head>
      <body>
        <header>
          <strong>ねりま相談ナビ 職員画面</strong>
          {props.actor === undefined ? null : (
            <>
              <a href="/staff">対応キュー</a>
              <a href="/staff/unanswered">未回答の質問</a>
              <a href="/staff/overview">概要</a>
              <a href="/staff/export/escalations.csv">CSV</a>
              <span class="who">
                {props.actor}
                {props.csrf === undefined ? null : (
                  <form method="post" action="/staff/logout" class="inline">
                    <input type="hidden" name="_csrf" value={props.csrf} /> <button type="submit">ログアウト</button>
                  </form>
                )}
              </span>
            </>
          )}
        </header>
        <main>{props.children}</main>
      </body>
    </html>
  );
  return html`<!doctype html>${body}`;
}
