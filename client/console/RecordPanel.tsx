/**
 * The secretariat's console: the record of the session, read only (who spoke, in which segment,
 * for how long against the plan), its files to download, and the printable record. It sends no
 * command; it reads the record again when the session moves on.
 */
import { useEffect, useState } from 'react';
import { formatClock } from '../../shared/duration.ts';
import { RECORD_TABLES, type SessionRecord } from '../../shared/record.ts';
import type { SessionView } from '../../shared/views.ts';
import { pick } from '../../shared/localText.ts';
import { useLang, useT } from '../lib/i18n.ts';
import { accessMessages } from './accessMessages.ts';
import { callApi, consoleToken } from './consoleApi.ts';

/** Downloads a file of the record: fetched with the token, saved under its name. */
async function download(path: string, name: string): Promise<void> {
  const token = consoleToken();
  const res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

export function RecordPanel({ view }: { readonly view: SessionView }) {
  const t = useT(accessMessages);
  const lang = useLang((s) => s.lang);
  const [record, setRecord] = useState<SessionRecord | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const session = encodeURIComponent(view.id);
  // Once per finished turn, not per update: the record changes when a turn ends.
  const ended = view.turns.filter((turn) => turn.endedAt !== null).length;

  useEffect(() => {
    let live = true;
    void callApi(`/api/sessions/${session}/record`)
      .then(({ body }) => {
        if (!live) return;
        if ('turns' in body) setRecord(body as unknown as SessionRecord);
        else setProblem(String((body.error as { message?: string } | undefined)?.message ?? ''));
      })
      .catch((error: unknown) => live && setProblem(String(error)));
    return () => {
      live = false;
    };
  }, [session, ended]);

  return (
    <section className="panel record" data-testid="record" aria-labelledby="record-title">
      <h2 id="record-title">{t('record.title')}</h2>
      <p className="hint">{t('record.explain')}</p>
      <div className="record-files" data-testid="record-files">
        <button
          type="button"
          className="btn btn-small"
          onClick={() => void download(`/api/sessions/${session}/record`, `${view.id}.json`)}
        >
          {t('record.json')}
        </button>
        {RECORD_TABLES.map((table) => (
          <button
            key={table}
            type="button"
            className="btn btn-small"
            onClick={() =>
              void download(
                `/api/sessions/${session}/record?format=csv&table=${table}&lang=${lang}`,
                `${view.id}-${table}.csv`,
              )
            }
          >
            {t('record.csv', { table })}
          </button>
        ))}
        <a className="btn btn-small" href={`/report/${session}?lang=${lang}`} target="_blank">
          {t('record.report')}
        </a>
      </div>
      {problem !== null && <p role="alert">{problem}</p>}
      <h3>{t('record.turns')}</h3>
      {record !== null && record.turns.length === 0 && <p>{t('record.none')}</p>}
      {record !== null && record.turns.length > 0 && (
        <table data-testid="record-turns">
          <thead>
            <tr>
              <th scope="col">{t('record.speaker')}</th>
              <th scope="col">{t('record.segment')}</th>
              <th scope="col">{t('record.spoken')}</th>
              <th scope="col">{t('record.planned')}</th>
            </tr>
          </thead>
          <tbody>
            {record.turns.map((turn) => (
              <tr key={turn.turnId}>
                <td>{turn.speaker.name}</td>
                <td>{pick(turn.segmentTitle, lang)}</td>
                <td className="time">{formatClock(turn.spokenMs)}</td>
                <td className="time">{formatClock(turn.plannedMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
