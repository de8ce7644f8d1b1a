import { useEffect, useState } from 'react';
import { formatLength } from '../../shared/duration.ts';
import { pick } from '../../shared/localText.ts';
import { turnSpeaker, type SessionRecord, type TurnRecord } from '../../shared/record.ts';
import { formatZonedDate, zonedParts } from '../../shared/zonedTime.ts';
import { common, delegationLabel, LANGS, setLang, useLang, useT, type Lang } from '../lib/i18n.ts';
import { CorrectionForm } from './CorrectionForm.tsx';
import { Timeline } from './Timeline.tsx';
import { reportMessages } from './messages.ts';

type Load =
  | { readonly state: 'loading' }
  | {
      readonly state: 'failed';
      readonly reason: 'need-token' | 'not-found' | 'failed';
      readonly message?: string;
    }
  | { readonly state: 'ready'; readonly record: SessionRecord; readonly at: number };

/**
 * Time of an instant in the meeting's time zone, `10:04:12`; with `lang`, the date in words
 * before it, `17 November 2016, 10:04:12` (never `17/11/2016`, which an American reads as a
 * different day).
 */
function stamp(at: number | null, timeZone: string, lang?: Lang): string {
  if (at === null) return '—';
  const p = zonedParts(at, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
  return lang ? `${formatZonedDate(at, timeZone, lang)}, ${time}` : time;
}

/** A length for the record: `4:30`, or `3:00:00` from an hour. */
function len(ms: number | null): string {
  if (ms === null) return '—';
  if (Math.abs(ms) < 3_600_000) return formatLength(ms);
  const total = Math.round(Math.abs(ms) / 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${ms < 0 ? '−' : ''}${Math.floor(total / 3600)}:${two(Math.floor((total % 3600) / 60))}:${two(total % 60)}`;
}

export function ReportPage({ session, token }: { session: string; token: string | null }) {
  const t = useT(reportMessages);
  const c = useT(common);
  const lang = useLang((s) => s.lang);
  const langs = useLang((s) => s.langs);
  const [load, setLoad] = useState<Load>(
    token ? { state: 'loading' } : { state: 'failed', reason: 'need-token' },
  );
  // Bumped after a correction, to read the record again.
  const [revision, setRevision] = useState(0);
  const [correcting, setCorrecting] = useState<string | null>(null);
  // Only the moderator corrects the record: the secretariat's token reads it, and no more.
  const [mayCorrect, setMayCorrect] = useState(false);

  useEffect(() => {
    if (!token) return;
    let cancelled = false;
    fetch(`/api/sessions/${encodeURIComponent(session)}`, {
      headers: { authorization: `Bearer ${token}` },
    })
      .then(async (res) => {
        const view = (await res.json()) as { role?: unknown };
        if (!cancelled) setMayCorrect(res.ok && view.role === 'moderator');
      })
      // Not known: no correction offered; the record itself still shows.
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [session, token]);

  useEffect(() => {
    if (!token) return;
    let cancelled = false;
    fetch(`/api/sessions/${encodeURIComponent(session)}/record`, {
      headers: { authorization: `Bearer ${token}` },
    })
      .then(async (res) => {
        const body = (await res.json()) as
          SessionRecord | { ok: false; error: { code: string; message: string } };
        if (cancelled) return;
        if ('ok' in body && body.ok === false) {
          const reason =
            body.error.code === 'not-found'
              ? 'not-found'
              : body.error.code === 'unauthorized'
                ? 'need-token'
                : 'failed';
          setLoad({ state: 'failed', reason, message: body.error.message });
        } else setLoad({ state: 'ready', record: body as SessionRecord, at: Date.now() });
      })
      .catch(
        (err: unknown) =>
          !cancelled && setLoad({ state: 'failed', reason: 'failed', message: String(err) }),
      );
    return () => {
      cancelled = true;
    };
  }, [session, token, revision]);

  if (load.state === 'loading') return <p className="notice">{t('loading')}</p>;
  if (load.state === 'failed') {
    return (
      <p className="notice" role="alert" data-testid="report-error">
        {t(load.reason, { message: load.message ?? '' })}
      </p>
    );
  }
  const { record } = load;
  const tz = record.session.timeZone;
  const kind = (k: TurnRecord['kind']) => c(`kind.${k}`);
  return (
    <main className="report" data-testid="report">
      <header>
        <div className="toolbar no-print">
          {LANGS.filter((l) => langs.includes(l.code)).map((l) => (
            <button
              key={l.code}
              type="button"
              aria-pressed={lang === l.code}
              onClick={() => void setLang(l.code)}
            >
              {l.short}
            </button>
          ))}
          <button type="button" onClick={() => window.print()}>
            {t('print')}
          </button>
        </div>
        <p className="kicker">{t('title')}</p>
        <h1>{pick(record.session.title, lang)}</h1>
        <dl className="facts" data-testid="report-facts">
          {record.session.venue && (
            <div>
              <dt>{t('venue')}</dt>
              <dd>{pick(record.session.venue, lang)}</dd>
            </div>
          )}
          <div>
            <dt>{t('started')}</dt>
            <dd className="time">{stamp(record.startedAt, tz, lang)}</dd>
          </div>
          <div>
            <dt>{t('ended')}</dt>
            <dd className="time">{stamp(record.endedAt, tz, lang)}</dd>
          </div>
          <div>
            <dt>{t('planned')}</dt>
            <dd className="time">{len(record.plannedMs)}</dd>
          </div>
          <div>
            <dt>{t('actual')}</dt>
            <dd className="time">{len(record.actualMs)}</dd>
          </div>
          <div>
            <dt>{t('spoken')}</dt>
            <dd className="time">{len(record.spokenMs)}</dd>
          </div>
        </dl>
        {record.endedAt === null && (
          <p className="notice">{t('not-ended', { time: stamp(load.at, tz) })}</p>
        )}
      </header>

      <section>
        <h2>{t('timeline')}</h2>
        <Timeline
          turns={record.turns}
          title={t('timeline')}
          lang={lang}
          legend={{
            planned: t('timeline-legend-planned'),
            spoken: t('timeline-legend-spoken'),
            over: t('timeline-legend-over'),
          }}
        />
      </section>

      <section>
        <h2>{t('segments')}</h2>
        <table data-testid="report-segments">
          <thead>
            <tr>
              <th>{t('segment')}</th>
              <th>{t('budget')}</th>
              <th>{t('planned')}</th>
              <th>{t('start')}</th>
              <th>{t('end')}</th>
              <th>{t('actual')}</th>
              <th>{t('spoken')}</th>
              <th>{t('turns')}</th>
            </tr>
          </thead>
          <tbody>
            {record.segments.map((s) => (
              <tr key={s.segmentId}>
                <td>{pick(s.title, lang)}</td>
                <td className="time">{len(s.budgetMs)}</td>
                <td className="time">{len(s.plannedMs)}</td>
                <td className="time">{stamp(s.startedAt, tz)}</td>
                <td className="time">{stamp(s.endedAt, tz)}</td>
                <td className="time">{len(s.actualMs)}</td>
                <td className="time">{len(s.spokenMs)}</td>
                <td className="time">{s.turns}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section>
        <h2>{t('turns')}</h2>
        <table data-testid="report-turns" className="turns">
          <thead>
            <tr>
              <th>{t('speaker')}</th>
              <th>{t('kind')}</th>
              <th>{t('start')}</th>
              <th>{t('end')}</th>
              <th>{t('planned')}</th>
              <th>{t('granted')}</th>
              <th>{t('spoken')}</th>
              <th>{t('paused')}</th>
              <th>{t('overrun')}</th>
            </tr>
          </thead>
          <tbody>
            {record.turns.map((turn) => {
              const corrected =
                turn.corrections.length > 0 &&
                (turn.corrected.spokenMs !== turn.spokenMs ||
                  turn.corrected.startedAt !== turn.startedAt ||
                  turn.corrected.endedAt !== turn.endedAt ||
                  !turn.corrected.counts);
              return [
                <tr
                  key={turn.turnId}
                  data-testid={`report-turn-${turn.turnId}`}
                  className={turn.corrected.counts ? undefined : 'not-counted'}
                >
                  <td>
                    <strong>{turnSpeaker(turn, lang).name}</strong>
                    {turnSpeaker(turn, lang).delegation !== null && (
                      <> · {turnSpeaker(turn, lang).delegation}</>
                    )}
                    {turn.onBehalfOf && (
                      <>
                        {' '}
                        ({t('for')} {delegationLabel(turn.onBehalfOf, lang)})
                      </>
                    )}
                    {turn.interruptedBy.length > 0 && (
                      <div className="note">{t('interrupted')}</div>
                    )}
                    {turn.recallOf && <div className="note">{t('recalled')}</div>}
                    {turn.restarts.map((r) => (
                      <div
                        className="note"
                        key={r.at}
                        data-testid={`report-restarted-${turn.turnId}`}
                      >
                        {t('restarted', { time: stamp(r.at, tz), length: len(r.spokenMs) })}
                      </div>
                    ))}
                    {turn.corrections.map((cr) => (
                      <div className="note" key={cr.at}>
                        {t('correction-note', { note: cr.note })}
                      </div>
                    ))}
                    {token && mayCorrect && turn.endedAt !== null && (
                      <button
                        type="button"
                        className="small no-print"
                        aria-expanded={correcting === turn.turnId}
                        data-testid={`correct-${turn.turnId}`}
                        onClick={() =>
                          setCorrecting(correcting === turn.turnId ? null : turn.turnId)
                        }
                      >
                        {t('correct')}
                      </button>
                    )}
                  </td>
                  <td>{kind(turn.kind)}</td>
                  <td className="time">
                    {stamp(turn.startedAt, tz)}
                    {corrected && turn.corrected.startedAt !== turn.startedAt && (
                      <div className="corrected">→ {stamp(turn.corrected.startedAt, tz)}</div>
                    )}
                  </td>
                  <td className="time">
                    {stamp(turn.endedAt, tz)}
                    {corrected && turn.corrected.endedAt !== turn.endedAt && (
                      <div className="corrected">→ {stamp(turn.corrected.endedAt, tz)}</div>
                    )}
                  </td>
                  <td className="time">{len(turn.plannedMs)}</td>
                  <td className="time">{len(turn.grantedMs)}</td>
                  <td className="time">
                    {turn.heard ? (
                      len(turn.spokenMs)
                    ) : (
                      <span data-testid={`report-not-heard-${turn.turnId}`}>
                        {t('called-not-heard')}
                      </span>
                    )}
                    {corrected && (
                      <div className="corrected" data-testid={`report-corrected-${turn.turnId}`}>
                        →{' '}
                        {turn.corrected.counts ? len(turn.corrected.spokenMs) : t('does-not-count')}{' '}
                        ({t('corrected')})
                      </div>
                    )}
                  </td>
                  <td className="time">{len(turn.pausedMs)}</td>
                  <td className={turn.overrunMs > 0 ? 'time over' : 'time'}>
                    {turn.overrunMs > 0 ? `+${len(turn.overrunMs)}` : ''}
                  </td>
                </tr>,
                correcting === turn.turnId && token ? (
                  <tr key={`${turn.turnId}-correction`} className="no-print">
                    <td colSpan={9}>
                      <CorrectionForm
                        session={session}
                        token={token}
                        turn={turn}
                        timeZone={tz}
                        onDone={() => {
                          setCorrecting(null);
                          setRevision((r) => r + 1);
                        }}
                      />
                    </td>
                  </tr>
                ) : null,
              ];
            })}
          </tbody>
        </table>
      </section>

      {record.requests.length > 0 && (
        <section>
          <h2>{t('requests')}</h2>
          <table data-testid="report-requests">
            <thead>
              <tr>
                <th>{t('delegation')}</th>
                <th>{t('category')}</th>
                <th>{t('kind')}</th>
                <th>{t('status')}</th>
                <th>{t('reason')}</th>
                <th>{t('spoken')}</th>
              </tr>
            </thead>
            <tbody>
              {record.requests.map((r) => (
                <tr key={r.requestId}>
                  <td>
                    {delegationLabel(r.delegation, lang)}
                    {r.onBehalfOf && (
                      <>
                        {' '}
                        ({t('for')} {delegationLabel(r.onBehalfOf, lang)})
                      </>
                    )}
                  </td>
                  <td>{c(`category.${r.category}`)}</td>
                  <td>{c(`kind.${r.kind}`)}</td>
                  <td>{c(`request.${r.status}`)}</td>
                  <td>{r.reason ?? ''}</td>
                  <td className="time">{r.spokenMs > 0 ? len(r.spokenMs) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('not-heard')}</h3>
          {record.notHeard.length === 0 ? (
            <p>{t('none')}</p>
          ) : (
            <ul data-testid="report-not-heard">
              {record.notHeard.map((r) => (
                <li key={r.requestId}>
                  {delegationLabel(r.delegation, lang)} — {c(`kind.${r.kind}`)}
                  {r.reason ? ` (${r.reason})` : ''}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      <section className="totals">
        <div>
          <h2>{t('by-category')}</h2>
          <table data-testid="report-by-category">
            <tbody>
              {record.byCategory.map((row) => (
                <tr key={row.category}>
                  <td>{row.category === 'none' ? '—' : c(`category.${row.category}`)}</td>
                  <td className="time">{row.turns}</td>
                  <td className="time">{len(row.spokenMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <h2>{t('by-delegation')}</h2>
          <table data-testid="report-by-delegation">
            <tbody>
              {record.byDelegation.map((row) => (
                <tr key={row.delegation.id ?? row.delegation.en}>
                  <td>{delegationLabel(row.delegation, lang)}</td>
                  <td className="time">{row.turns}</td>
                  <td className="time">{len(row.spokenMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <footer>{t('generated')}</footer>
    </main>
  );
}
