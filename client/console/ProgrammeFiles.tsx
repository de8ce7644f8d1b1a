/**
 * Programme files in and out, a rehearsal copy, and the record: what the secretariat does
 * before and after the meeting, from the console. Import checks the file first (nothing is
 * created until confirmed) and lists every problem by line and column.
 */
import { useId, useState } from 'react';
import type { Programme } from '../../shared/programme.ts';
import type { SessionView } from '../../shared/views.ts';
import { RECORD_TABLES } from '../../shared/record.ts';
import { pick, type LocalText } from '../../shared/localText.ts';
import { useLang, useT } from '../lib/i18n.ts';
import { filesMessages } from './filesMessages.ts';
import { TOKEN_STORAGE_KEY } from './token.ts';

interface Problem {
  readonly line?: number | null;
  readonly column?: string | null;
  readonly path?: string;
  readonly message: string;
}

type Check =
  | { readonly state: 'idle' }
  | { readonly state: 'ready'; readonly programme: Programme; readonly idTaken: boolean }
  | { readonly state: 'problems'; readonly message: string; readonly problems: readonly Problem[] }
  | { readonly state: 'created'; readonly id: string };

/** A rehearsal's title: the meeting's, in each of its languages, with `suffix`. */
function rehearsalTitle(title: LocalText, suffix: string): LocalText {
  const one = (text: string) => `${text.slice(0, 180)}${suffix}`;
  return typeof title === 'string'
    ? one(title)
    : Object.fromEntries(Object.entries(title).map(([code, text]) => [code, one(text)]));
}

function storedToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Fetches with the moderator token; the answer's JSON, or the error as a problem. */
async function api(
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const token = storedToken();
  const res = await fetch(path, {
    ...init,
    headers: {
      ...(init.headers as Record<string, string>),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Downloads an authorised file: fetched with the token, saved under its name. */
async function download(path: string, name: string): Promise<void> {
  const token = storedToken();
  const res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

export function ProgrammeFiles({ view }: { view: SessionView }) {
  const t = useT(filesMessages);
  const lang = useLang((s) => s.lang);
  const id = useId();
  const session = encodeURIComponent(view.id);
  const [copyId, setCopyId] = useState(`${view.id}-rehearsal`);
  const [copied, setCopied] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [newId, setNewId] = useState('');
  const [title, setTitle] = useState('');
  const [timeZone, setTimeZone] = useState(view.meta.timeZone);
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  const [error, setError] = useState<string | null>(null);
  // A French console most likely feeds a French Excel, which splits on semicolons.
  const [semicolon, setSemicolon] = useState(useLang.getState().lang === 'fr');
  const isCsv = file !== null && !/\.json$/i.test(file.name);

  async function submit(preview: boolean): Promise<void> {
    if (!file) return;
    setError(null);
    const bytes = await file.arrayBuffer();
    let path = `/api/sessions${preview ? '?preview=1' : ''}`;
    let body: BodyInit = bytes;
    let type = 'application/json';
    if (isCsv) {
      const q = new URLSearchParams({
        id: newId,
        title,
        timeZone,
        ...(preview ? { preview: '1' } : {}),
      });
      path = `/api/sessions?${q.toString()}`;
      type = 'text/csv';
    } else if (newId) {
      // A JSON file names its own id; the field, when filled, gives the new session another.
      const parsed = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
      body = JSON.stringify({ ...parsed, id: newId });
    }
    try {
      const res = await api(path, { method: 'POST', headers: { 'content-type': type }, body });
      if (res.body.ok === true && preview) {
        setCheck({
          state: 'ready',
          programme: res.body.programme as Programme,
          idTaken: res.body.idTaken === true,
        });
      } else if (res.body.ok === true) {
        setCheck({ state: 'created', id: String(res.body.id) });
      } else {
        const err = res.body.error as { message: string };
        setCheck({
          state: 'problems',
          message: err.message,
          problems: (res.body.problems as Problem[] | undefined) ?? [],
        });
      }
    } catch (e) {
      setError(t('failed', { message: e instanceof Error ? e.message : String(e) }));
    }
  }

  async function makeCopy(): Promise<void> {
    setError(null);
    const res = await api(`/api/sessions/${session}/copy`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // Titled as a rehearsal, so that nobody mistakes it for the meeting in a list.
      body: JSON.stringify({
        id: copyId,
        title: rehearsalTitle(view.meta.title, ` — ${t('rehearsal-suffix')}`),
      }),
    });
    if (res.body.ok === true) setCopied(String(res.body.id));
    else setError((res.body.error as { message: string }).message);
  }

  const ready = check.state === 'ready' ? check.programme : null;
  const items = ready ? ready.segments.reduce((n, s) => n + s.items.length, 0) : 0;
  const minutes = ready
    ? Math.round(ready.segments.reduce((n, s) => n + s.budgetMs, 0) / 60_000)
    : 0;

  return (
    <section className="inline-form files" data-testid="files" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('title')}</h3>
      {storedToken() === null && <p role="alert">{t('no-token')}</p>}
      {error && (
        <p role="alert" data-testid="files-error">
          {error}
        </p>
      )}

      <h4>{t('export')}</h4>
      <div className="form-row">
        <button
          type="button"
          className="btn btn-small"
          onClick={() => void download(`/api/sessions/${session}/programme`, `${view.id}.json`)}
        >
          {t('export-json')}
        </button>
        <button
          type="button"
          className="btn btn-small"
          onClick={() =>
            void download(`/api/sessions/${session}/programme?format=csv`, `${view.id}.csv`)
          }
        >
          {t('export-csv')}
        </button>
        <button
          type="button"
          className="btn btn-small"
          onClick={() =>
            void download(
              `/api/sessions/${session}/programme?format=csv&delimiter=semicolon`,
              `${view.id}.csv`,
            )
          }
        >
          {t('export-csv-fr')}
        </button>
      </div>

      <h4>{t('record')}</h4>
      <div className="form-row">
        <a className="btn btn-small" href={`/report/${session}`} target="_blank" rel="noreferrer">
          {t('record-report')}
        </a>
        {RECORD_TABLES.map((table) => (
          <button
            key={table}
            type="button"
            className="btn btn-small"
            data-testid={`files-record-${table}`}
            onClick={() =>
              void download(
                `/api/sessions/${session}/record?format=csv&table=${table}&lang=${lang}${semicolon ? '&delimiter=semicolon' : ''}`,
                `${view.id}-${table}.csv`,
              )
            }
          >
            {t(`record-${table}`)}
          </button>
        ))}
        <label>
          <input
            type="checkbox"
            checked={semicolon}
            onChange={(e) => setSemicolon(e.target.checked)}
            data-testid="files-record-semicolon"
          />{' '}
          {t('record-semicolon')}
        </label>
      </div>
      <p className="hint">{t('record-csv-hint', { zone: view.meta.timeZone })}</p>

      <h4>{t('rehearsal')}</h4>
      <p className="hint">{t('rehearsal-hint')}</p>
      <div className="form-row">
        <label className="field">
          {t('rehearsal-id')}
          <input
            value={copyId}
            onChange={(e) => setCopyId(e.target.value)}
            data-testid="files-copy-id"
          />
        </label>
        <button
          type="button"
          className="btn btn-small"
          data-testid="files-copy"
          onClick={() => void makeCopy()}
        >
          {t('rehearsal-create')}
        </button>
      </div>
      {copied && (
        <p data-testid="files-copied">
          {t('rehearsal-made')} {copied} —{' '}
          <a href={`/console/${encodeURIComponent(copied)}`}>{t('open-console')}</a>
        </p>
      )}

      <h4>{t('import')}</h4>
      <p className="hint">{t('import-hint')}</p>
      <label className="field">
        {t('import-file')}
        <input
          type="file"
          accept=".json,.csv,text/csv,application/json"
          data-testid="files-import-file"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setCheck({ state: 'idle' });
          }}
        />
      </label>
      <div className="form-row">
        <label className="field">
          {t('import-id')}
          <input
            value={newId}
            onChange={(e) => setNewId(e.target.value)}
            data-testid="files-import-id"
            required={isCsv}
          />
        </label>
        {isCsv && (
          <>
            <label className="field">
              {t('import-title')}
              <input
                value={title}
                onChange={(e) => setTitle(e.target.value)}
                data-testid="files-import-title"
                required
              />
            </label>
            <label className="field">
              {t('import-zone')}
              <input
                value={timeZone}
                onChange={(e) => setTimeZone(e.target.value)}
                data-testid="files-import-zone"
                required
              />
            </label>
          </>
        )}
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-small"
          disabled={!file}
          data-testid="files-import-check"
          onClick={() => void submit(true)}
        >
          {t('import-check')}
        </button>
        <button
          type="button"
          className="btn btn-small btn-primary"
          disabled={check.state !== 'ready' || check.idTaken}
          data-testid="files-import-create"
          onClick={() => void submit(false)}
        >
          {t('import-create')}
        </button>
      </div>
      {ready && (
        <div data-testid="files-import-preview" role="status">
          <p>
            {t('import-ok', {
              title: pick(ready.title, lang),
              segments: t('n-segments', { count: ready.segments.length }),
              items: t('n-speakers', { count: items }),
              minutes: t('n-minutes', { count: minutes }),
            })}
          </p>
          {check.state === 'ready' && check.idTaken && (
            <p role="alert">{t('import-id-taken', { id: ready.id })}</p>
          )}
          <ol>
            {ready.segments.map((s) => (
              <li key={s.id}>
                {pick(s.title, lang)} — {Math.round(s.budgetMs / 60_000)}′ ({s.items.length})
              </li>
            ))}
          </ol>
        </div>
      )}
      {check.state === 'problems' && (
        <div role="alert" data-testid="files-import-problems">
          <p>
            {check.problems.length > 0
              ? t('import-problems', { count: check.problems.length })
              : check.message}
          </p>
          {check.problems.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th>{t('line')}</th>
                  <th>{t('column')}</th>
                  <th>{t('problem')}</th>
                </tr>
              </thead>
              <tbody>
                {check.problems.map((p, i) => (
                  <tr key={i}>
                    <td>{p.line ?? ''}</td>
                    <td>{p.column ?? p.path ?? ''}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
      {check.state === 'created' && (
        <p data-testid="files-import-created">
          {t('import-created')} {check.id} —{' '}
          <a href={`/console/${encodeURIComponent(check.id)}`}>{t('open-console')}</a>
        </p>
      )}
    </section>
  );
}
