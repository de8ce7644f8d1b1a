/**
 * The stage when nobody is speaking: before the meeting, during a suspension, between speakers,
 * after the end. It invites the room to follow on their phones (the address and a QR code) and,
 * while the list of speakers is open with a code, shows the code delegates must type.
 */
import { pick } from '../../shared/localText.ts';
import type { SessionView } from '../../shared/views.ts';
import { common, useLang, useT } from '../lib/i18n.ts';
import { QrCode } from '../displays/QrCode.tsx';
import { displayMessages } from '../displays/messages.ts';
import { isLoopback, liveAddress } from '../displays/sessions.ts';
import { nextOf } from '../displays/speaker.ts';
import { stageMessages } from './messages.ts';

export function StageIdle({
  view,
  showNext,
  publicUrl,
}: {
  readonly view: SessionView;
  readonly showNext: boolean;
  readonly publicUrl: string | null;
}) {
  const lang = useLang((s) => s.lang);
  const t = useT(stageMessages);
  const c = useT(common);
  const d = useT(displayMessages);
  const segment = view.segments.find((s) => s.id === view.current.segmentId);
  const status =
    view.status === 'live' && segment ? pick(segment.title, lang) : c(`status.${view.status}`);
  const next = showNext ? nextOf(view, lang) : null;
  const code = view.floor.status === 'open' ? view.floor.floorCode : null;
  const showQr = view.status !== 'ended';
  const address = liveAddress(view.id, publicUrl);
  // Broken before a slash if at all (never at a hyphen), so it reads and types as it is.
  const shownAddress = address
    .replace(/^https?:\/\//, '')
    .split('/')
    .map((part, i) => (
      <span key={i} className="stage-address-part">
        {i === 0 ? part : `/${part}`}
      </span>
    ));
  return (
    <div className="stage-idle" data-testid="stage-idle" data-status={view.status}>
      <div className="stage-idle-text">
        <p className="stage-idle-status" data-testid="stage-status">
          {status}
        </p>
        <h1 className="stage-idle-title">{pick(view.meta.title, lang)}</h1>
        {next ? (
          <p className="stage-idle-next" data-testid="stage-next">
            <span className="stage-next-label">{d('next.label')}</span> {next.name}
            {next.role ? <span className="stage-next-role">, {next.role}</span> : null}
          </p>
        ) : null}
        {code ? (
          <div className="stage-idle-code" data-testid="stage-floor-code">
            <span>{t('idle.floor-code')}</span>
            <strong className="tabular">{code}</strong>
          </div>
        ) : null}
      </div>
      {showQr ? (
        <div className="stage-idle-qr">
          <QrCode text={address} label={t('idle.qr')} className="stage-qr" />
          <p className="stage-idle-follow">{t('idle.follow')}</p>
          <p className="stage-idle-address" data-testid="stage-live-address">
            {shownAddress}
          </p>
          {publicUrl === null && isLoopback() ? (
            <p className="stage-idle-warning">{t('idle.loopback')}</p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
