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
import { AccessPanel } from './AccessPanel.tsx';
import { OfficerNote } from './OfficerNote.tsx';
import { RecordPanel } from './RecordPanel.tsx';

/** The moderator's keys: the floor officer and the secretariat have no shortcuts to send. */
function Shortcuts() {
  useShortcuts();
  return null;
}

/**
 * Each role sees what it may do and nothing else: the moderator everything; the floor officer the
 * current turn and the list of speakers (no timer, session or programme controls); the secretariat
 * the current turn and the record, read only.
 */
export function Console({ view }: { view: SessionView }) {
  if (view.role === 'floor-officer' || view.role === 'secretariat') {
    return (
      <div
        className={`console console-${view.role}`}
        data-testid="console"
        data-role={view.role}
        data-version={view.version}
        data-status={view.status}
      >
        <TopBar view={view} />
        <OfflineBanner />
        <RefusalBanner />
        <div className="console-body">
          <main className="console-centre">
            <CurrentTurn view={view} />
            {view.role === 'floor-officer' ? <OfficerNote /> : <RecordPanel view={view} />}
          </main>
          {view.role === 'floor-officer' && (
            <aside className="console-side">
              <FloorPanel view={view} />
            </aside>
          )}
        </div>
        <ConfirmDialog />
      </div>
    );
  }
  return (
    <div
      className="console"
      data-testid="console"
      data-role={view.role}
      data-version={view.version}
      data-status={view.status}
    >
      <Shortcuts />
      <TopBar view={view} />
      <OfflineBanner />
      <RefusalBanner />
      <div className="console-body">
        <main className="console-centre">
          <CurrentTurn view={view} />
          <Controls view={view} />
          {/* Under the controls, not under the list: a message must not take the list's room. */}
          <MessagePanel view={view} />
          {/* In the centre too: the list of speakers keeps its whole column. */}
          <AccessPanel session={view.id} />
        </main>
        <ProgrammePanel view={view} />
        <aside className="console-side">
          <FloorPanel view={view} />
        </aside>
      </div>
      <ConfirmDialog />
    </div>
  );
}
