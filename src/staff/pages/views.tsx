// The console's pages as components: queue, one conversation, unanswered questions, overview, sign-in.
// Every resident text goes in as a JSX child or attribute, which hono/jsx escapes.
import type { EscalationDetail, EscalationSummary } from '../../record/staff-queue';
import type { Incident } from '../../record/incidents';
import type { OutboxSummary } from '../../record/outbox';
import type { Overview } from '../../record/staff-stats';
import type { UnansweredGroup } from '../unanswered';
import { statusLabel } from '../../core/escalation-status';
import { languageLabel } from '../../core/locale';
import { levelLabel } from '../../core/risk-level';
import { ACTION_LABELS, categoryLabel, DIRECTION_LABELS, excerpt, formatJst } from '../format';

const Badges = (props: { level: string; status: string }) => (
  <>
    <span class={`badge lv-${props.level}`}>{levelLabel(props.level)}</span> <span class={`badge st-${props.status}`}>{statusLabel(props.status)}</span>
  </>
);

function QueueItem(props: { e: EscalationSummary }) {
  const e = props.e;
  return (
    <a class="card" href={`/staff/escalations/${e.id}`} data-escalation={String(e.id)}>
      <div class="meta">
        <Badges level={e.level} status={e.status} />
        <span>{formatJst(e.createdAt)}</span>
        <span>相談者 {e.pseudonym}</span>
        <span>言語 {languageLabel(e.lang)}</span>
        <span>担当 {e.assignee ?? '未定'}</span>
      </div>
      <div>{excerpt(e.messageText)}</div>
    </a>
  );
}

/** LINE delivery of a bot or staff turn, as staff read it. */
const DELIVERY_LABELS: Record<string, string> = { sent: '済', pending: '送信待ち（LINEの応答を待って自動で再送）', failed: '失敗（届いていません）' };

/** What is waiting in the outbox and what failed lately: never silent (README "Reliability"). */
function Health(props: { outbox: OutboxSummary; incidents: Incident[] }) {
  const { outbox, incidents } = props;
  if (outbox.pending === 0 && outbox.expired === 0 && incidents.length === 0) return null;
  return (
    <div class="error" id="health">
      {outbox.pending === 0 ? null : (
        <p>
          LINEに送れていない返信・通知が {outbox.pending} 件あります（うち緊急の返信 {outbox.pendingCrisis} 件）。自動で再送しています
          {outbox.oldestPendingAt === null ? '' : `（最も古いもの ${formatJst(outbox.oldestPendingAt)}）`}。
        </p>
      )}
      {outbox.expired === 0 ? null : <p>届けられずに再送をあきらめたものが {outbox.expired} 件あります。相談者に職員から連絡してください。</p>}
      {incidents.length === 0 ? null : (
        <ul>
          {incidents.slice(0, 5).map((i) => (
            <li>
              {formatJst(i.createdAt)}　{i.detail}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function QueuePage(props: { open: EscalationSummary[]; closed: EscalationSummary[]; outbox: OutboxSummary; incidents: Incident[] }) {
  return (
    <>
      <h1>対応キュー</h1>
      <Health outbox={props.outbox} incidents={props.incidents} />
      <p class="meta">緊急度の高い順、同じ緊急度では待ち時間の長い順です。時刻は日本時間。</p>
      {props.open.length === 0 ? <p>未対応の受付はありません。</p> : props.open.map((e) => <QueueItem e={e} />)}
      {props.closed.length === 0 ? null : (
        <>
          <h2>最近の対応済</h2>
          {props.closed.map((e) => (
            <QueueItem e={e} />
          ))}
        </>
      )}
    </>
  );
}

export type ConversationPageProps = { e: EscalationDetail; csrf: string | undefined; replyKey: string; flash?: string | undefined; error?: string | undefined };

const Csrf = (props: { token: string | undefined }) => (props.token === undefined ? null : <input type="hidden" name="_csrf" value={props.token} />);

export function ConversationPage(props: ConversationPageProps) {
  const e = props.e;
  const base = `/staff/escalations/${e.id}`;
  return (
    <>
      <h1>
        受付 #{e.id}　相談者 {e.pseudonym}
      </h1>
      {props.flash === undefined ? null : <p class="notice">{props.flash}</p>}
      {props.error === undefined ? null : <p class="error">{props.error}</p>}
      <div class="card">
        <div class="meta">
          <Badges level={e.level} status={e.status} />
          <span>受付 {formatJst(e.createdAt)}</span>
          <span>ルール {e.rule}</span>
          <span>言語 {languageLabel(e.lang)}</span>
          <span>担当 {e.assignee ?? '未定'}</span>
          <span>{e.staffHandling ? '職員対応中（ボットは職員が答えると伝えます）' : 'ボットが応答中'}</span>
        </div>
        <div>{e.messageText}</div>
      </div>

      <h2>状態と担当</h2>
      <form method="post" action={`${base}/status`} class="row">
        <Csrf token={props.csrf} />
        <label>
          状態
          <select name="status">
            {(['new', 'in_progress', 'done'] as const).map((s) => (
              <option value={s} selected={s === e.status}>
                {statusLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">状態を変更</button>
      </form>
      <form method="post" action={`${base}/assign`} class="row">
        <Csrf token={props.csrf} />
        <label>
          担当者
          <input type="text" name="assignee" value={e.assignee ?? ''} maxlength={40} />
        </label>
        <button type="submit">担当を設定</button>
      </form>

      <h2>やりとり</h2>
      {e.transcript.length === 0 ? <p>保存されているメッセージはありません（保存期間を過ぎたか、相談者がブロックしました）。</p> : null}
      {e.transcript.map((m) => (
        <div class={`turn turn-${m.direction}`}>
          <div class="meta">
            <span>{DIRECTION_LABELS[m.direction] ?? m.direction}</span>
            <span>{formatJst(m.createdAt)}</span>
            {m.riskLevel === null || m.riskLevel === 'none' ? null : <span class={`badge lv-${m.riskLevel}`}>{levelLabel(m.riskLevel)}</span>}
            {m.category === null ? null : <span>{categoryLabel(m.category)}</span>}
            {m.delivery === null ? null : <span class={`delivery delivery-${m.delivery}`}>配信 {DELIVERY_LABELS[m.delivery] ?? m.delivery}</span>}
            {m.lang === null || m.lang === 'ja' ? null : <span>{languageLabel(m.lang)}</span>}
          </div>
          {m.text}
          {m.textJa === null ? null : (
            <div class="translation">
              <span class="meta">日本語での内容（ボットの定型文の原文）</span>
              {m.textJa}
            </div>
          )}
        </div>
      ))}

      <h2>職員として返信</h2>
      <form method="post" action={`${base}/reply`}>
        <Csrf token={props.csrf} />
        <input type="hidden" name="replyKey" value={props.replyKey} />
        <label>
          相談者のLINEに送るメッセージ（送ると状態は対応中になります）
          <textarea name="text" maxlength={2000} required></textarea>
        </label>
        <button type="submit">LINEで送信</button>
      </form>

      <h2>メモ</h2>
      <form method="post" action={`${base}/notes`}>
        <Csrf token={props.csrf} />
        <label>
          職員用メモ（相談者には送られません）
          <textarea name="note" maxlength={2000} required></textarea>
        </label>
        <button type="submit">メモを追加</button>
      </form>

      <h2>記録</h2>
      <ol class="audit" id="audit">
        {e.audit.map((a) => (
          <li data-action={a.action}>
            {formatJst(a.createdAt)}　{a.actor}　［{ACTION_LABELS[a.action] ?? a.action}］ {a.detail}
          </li>
        ))}
      </ol>
    </>
  );
}

export function UnansweredPage(props: { groups: UnansweredGroup[] }) {
  return (
    <>
      <h1>未回答の質問</h1>
      <p class="meta">
        ボットが自信を持って答えられなかった相談者のメッセージと、相談者が「役に立たなかった」と答えた質問です。似た表記をまとめ、新しい順に並べています。ナレッジ追加の参考にしてください。
      </p>
      {props.groups.length === 0 ? <p>ありません。</p> : null}
      {props.groups.map((g) => (
        <div class="card">
          <div class="meta">
            <span>{g.count}件</span>
            <span>{g.residents}人</span>
            {g.notHelpful === 0 ? null : <span>うち「役に立たなかった」{g.notHelpful}件</span>}
            <span>最新 {formatJst(g.latestAt)}</span>
          </div>
          <div>{g.sample}</div>
          {g.texts.length > 1 ? (
            <ul class="meta">
              {g.texts.slice(1).map((t) => (
                <li>{t}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
    </>
  );
}

const rate = (part: number, whole: number) => (whole === 0 ? '—' : `${Math.round((100 * part) / whole)}%`);
const duration = (minutes: number) =>
  minutes < 60 ? `${minutes}分` : minutes < 60 * 48 ? `${Math.floor(minutes / 60)}時間${minutes % 60}分` : `${Math.floor(minutes / 1440)}日`;

/** How often something was shown and how residents rated it: the satisfaction rate is helpful ÷ rated. */
function RatedTable(props: { title: string; rows: { name: string; shown: number; helpful: number; notHelpful: number }[] }) {
  if (props.rows.length === 0) return null;
  return (
    <table>
      <thead>
        <tr>
          <th>{props.title}</th>
          <th>案内</th>
          <th>役に立った</th>
          <th>役に立たなかった</th>
          <th>満足度</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr>
            <td>{r.name}</td>
            <td>{r.shown}</td>
            <td>{r.helpful}</td>
            <td>{r.notHelpful}</td>
            <td>{rate(r.helpful, r.helpful + r.notHelpful)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function OverviewPage(props: { overview: Overview; days: number }) {
  const o = props.overview;
  return (
    <>
      <h1>概要（直近{props.days}日）</h1>
      <h2>日別メッセージ数</h2>
      <table>
        <thead>
          <tr>
            <th>日付</th>
            <th>相談者</th>
            <th>ボット</th>
            <th>職員</th>
          </tr>
        </thead>
        <tbody>
          {o.days.map((d) => (
            <tr>
              <td>{d.day}</td>
              <td>{d.incoming}</td>
              <td>{d.bot}</td>
              <td>{d.staff}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>緊急度別の受付</h2>
      <table>
        <tbody>
          {o.escalationsByLevel.map((l) => (
            <tr>
              <td>{levelLabel(l.level)}</td>
              <td>{l.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>多い相談分野</h2>
      <table>
        <tbody>
          {o.topCategories.map((t) => (
            <tr>
              <td>{categoryLabel(t.category)}</td>
              <td>{t.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>回答率と満足度</h2>
      <p data-answer-rate>
        回答率 {rate(o.answerRate.answered, o.answerRate.answered + o.answerRate.unanswered)}（窓口か回答を案内 {o.answerRate.answered}件、聞き返し{' '}
        {o.answerRate.unanswered}件）
      </p>
      <RatedTable title="分野" rows={o.byCategory.map((r) => ({ ...r, name: categoryLabel(r.category) }))} />
      <RatedTable title="よくある質問への回答" rows={o.byAnswer.map((r) => ({ ...r, name: r.answer }))} />
      <h2>緊急度別の初動時間</h2>
      <p class="meta">相談者のメッセージから、職員の最初の対応（状態変更・担当・メモ・返信）までの時間です。</p>
      <table data-response>
        <thead>
          <tr>
            <th>緊急度</th>
            <th>対応済み</th>
            <th>中央値</th>
            <th>未対応</th>
            <th>最も長く待っているもの</th>
          </tr>
        </thead>
        <tbody>
          {o.response.map((r) => (
            <tr>
              <td>{levelLabel(r.level)}</td>
              <td>{r.handled}</td>
              <td>{r.medianMinutes === null ? '—' : duration(r.medianMinutes)}</td>
              <td>{r.waiting}</td>
              <td>{r.longestWaitingMinutes === null ? '—' : duration(r.longestWaitingMinutes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a href="/staff/export/escalations.csv">受付一覧をCSVでダウンロード</a>（相談者は仮名IDで記載）
      </p>
    </>
  );
}

export function LoginPage(props: { error?: string | undefined }) {
  return (
    <>
      <h1>職員サインイン</h1>
      {props.error === undefined ? null : <p class="error">{props.error}</p>}
      <form method="post" action="/staff/login">
        <label>
          表示名（記録に残ります）
          <input type="text" name="name" required maxlength={40} autocomplete="name" />
        </label>
        <label>
          職員用トークン
          <input type="password" name="token" required autocomplete="current-password" />
        </label>
        <button type="submit">サインイン</button>
      </form>
    </>
  );
}
