/** Asks for the moderator token, and says where Gavel printed it. */
import { useId, useState } from 'react';
import { useT } from '../lib/i18n.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { messages } from './messages.ts';

export function TokenForm({
  session,
  problem,
  onToken,
}: {
  session: string;
  problem: string | null;
  onToken: (token: string) => void;
}) {
  const t = useT(messages);
  const id = useId();
  const [value, setValue] = useState('');
  return (
    <main className="token-page">
      <form
        className="token-form"
        data-testid="token-form"
        onSubmit={(e) => {
          e.preventDefault();
          const token = value.trim();
          if (token) onToken(token);
        }}
      >
        <div className="token-head">
          <h1>{t('token.title')}</h1>
          <LanguageSwitch />
        </div>
        <p>{t('token.explain', { session })}</p>
        {problem && (
          <p className="token-problem" role="alert" data-testid="token-problem">
            {problem}
          </p>
        )}
        <label htmlFor={`${id}-token`}>{t('token.label')}</label>
        <input
          id={`${id}-token`}
          data-testid="token-input"
          type="password"
          autoComplete="current-password"
          autoFocus
          required
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit" className="btn btn-primary" data-testid="token-submit">
          {t('token.submit')}
        </button>
      </form>
    </main>
  );
}
