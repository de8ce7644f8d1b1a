/**
 * The console laid out for a laptop at the podium: the schedule and who is connected on top, the
 * programme on the left, the current turn and its controls in the middle, the list of speakers and
 * the message to the speaker on the right. Narrow windows (or a doubled font size) stack them,
 * the current turn first.
 */
import type { SessionView } from '../../shared/views.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { Controls } from './Controls.tsx';
import { CurrentTurn } from './CurrentTurn.tsx';
import { FloorPanel } from './FloorPanel.tsx';
import { MessagePanel } from './MessagePanel.tsx';
import { OfflineBanner } from './OfflineBanner.tsx';
import { ProgrammePanel } from './ProgrammePanel.tsx';
import { RefusalBanner } from './RefusalBanner.tsx';
import { TopBar } from './TopBar.tsx';
import { useShortcuts } from './useShortcuts.ts';

export function Console({ view }: { view: SessionView }) {
  useShortcuts();
  return (
    <div
      className="console"
      data-testid="console"
      data-version={view.version}
      data-status={view.status}
    >
      <TopBar view={view} />
      <OfflineBanner />
      <RefusalBanner />
      <div className="console-body">
        <main className="console-centre">
          <CurrentTurn view={view} />
          <Controls view={view} />
        </main>
        <ProgrammePanel view={view} />
        <aside className="console-side">
          <FloorPanel view={view} />
          <MessagePanel view={view} />
        </aside>
      </div>
      <ConfirmDialog />
    </div>
  );
}
