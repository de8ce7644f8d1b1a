/**
 * Decides what the console shows: the token form until the server accepts a moderator token,
 * a waiting screen until the first snapshot, then the console itself.
 */
import { useEffect, useState } from 'react';
import { connect, disconnect } from '../lib/connection.ts';
import { common, useLang, useT } from '../lib/i18n.ts';
import { refusalText } from '../lib/refusalText.ts';
import { forgetSecret } from '../lib/route.ts';
import { useGavel } from '../lib/store.ts';
import { Console } from './Console.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { messages } from './messages.ts';
import { TokenForm } from './TokenForm.tsx';
import { TOKEN_ROLES, type Role } from '../../shared/roles.ts';

/** The roles with a console of their own: those that hold a token. */
const isConsoleRole = (role: Role) => (TOKEN_ROLES as readonly Role[]).includes(role);
import { keepToken, TOKEN_STORAGE_KEY } from './token.ts';

interface TokenProblem {
  readonly key: 'token.refused' | 'token.not-moderator';
  readonly message: string;
}

export function ConsoleApp({
  session,
  initialToken,
}: {
  session: string | null;
  initialToken: string | null;
}) {
  const t = useT(messages);
  const tc = useT(common);
  const lang = useLang((s) => s.lang);
  const [token, setToken] = useState(initialToken);
  const [tokenProblem, setTokenProblem] = useState<TokenProblem | null>(null);
  const view = useGavel((s) => s.view);
  const connection = useGavel((s) => s.connection);
  const handshakeError = useGavel((s) => s.handshakeError);

  useEffect(() => {
    if (!session || !token) return;
    // The server gives the console the role its token opens: the moderator's, the floor
    // officer's or the secretariat's.
    connect({ session, token });
    // A token the server refuses, or one that opens less than the console, is forgotten: the
    // form asks again instead of the page retrying it forever.
    const unsubscribe = useGavel.subscribe((state) => {
      const code = state.connection === 'refused' ? state.handshakeError?.code : undefined;
      const refused = code === 'unauthorized' || code === 'forbidden';
      const notModerator = state.view !== null && !isConsoleRole(state.view.role);
      if (!refused && !notModerator) return;
      unsubscribe();
      forgetSecret(TOKEN_STORAGE_KEY);
      setTokenProblem(
        notModerator
          ? { key: 'token.not-moderator', message: '' }
          : { key: 'token.refused', message: state.handshakeError?.message ?? '' },
      );
      setToken(null);
      if (state.view !== null) useGavel.setState({ view: null });
    });
    return () => {
      unsubscribe();
      disconnect();
    };
  }, [session, token]);

  useEffect(() => {
    document.title = view ? `${view.meta.title} — ${t('app.name')}` : t('app.name');
  }, [view, t]);

  if (!session) return <Notice text={t('app.no-session')} />;
  if (!token) {
    return (
      <TokenForm
        session={session}
        problem={tokenProblem && t(tokenProblem.key, { message: tokenProblem.message })}
        onToken={(value) => {
          keepToken(value);
          setTokenProblem(null);
          setToken(value);
        }}
      />
    );
  }
  if (connection === 'refused' && handshakeError?.code === 'not-found') {
    return <Notice text={`${tc('unknown-session')} ${refusalText(handshakeError, lang)}`} />;
  }
  if (!view || !isConsoleRole(view.role)) {
    return (
      <Notice
        text={
          connection === 'refused' && handshakeError
            ? handshakeError.message
            : connection === 'offline'
              ? tc('offline')
              : tc('connecting')
        }
      />
    );
  }
  return <Console view={view} />;
}

function Notice({ text }: { text: string }) {
  return (
    <main className="notice" data-testid="console-notice">
      <div className="notice-lang">
        <LanguageSwitch />
      </div>
      <p role="status">{text}</p>
    </main>
  );
}
