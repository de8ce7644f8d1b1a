/** The programme at a glance, editable: segments with budgets, items with their state. */
import { useState } from 'react';
import { computeSchedule } from '../../shared/schedule.ts';
import type { SessionView } from '../../shared/views.ts';
import { useT } from '../lib/i18n.ts';
import { useServerNow } from '../lib/useServerNow.ts';
import { filesMessages } from './filesMessages.ts';
import { MeetingSettingsForm } from './MeetingSettingsForm.tsx';
import { ProgrammeFiles } from './ProgrammeFiles.tsx';
import { messages } from './messages.ts';
import { SegmentBlock } from './SegmentBlock.tsx';

export function ProgrammePanel({ view }: { view: SessionView }) {
  const t = useT(messages);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [filesOpen, setFilesOpen] = useState(false);
  const f = useT(filesMessages);
  // Spoken times of finished items do not move; the running one is on the countdown.
  const now = useServerNow(5_000);
  const schedule = computeSchedule(view, now);
  return (
    <aside className="programme panel" aria-labelledby="programme-title" data-testid="programme">
      <div className="panel-head">
        <h2 id="programme-title">{t('programme.title')}</h2>
        <button
          type="button"
          className="btn btn-small"
          aria-expanded={settingsOpen}
          data-testid="settings-toggle"
          onClick={() => setSettingsOpen((open) => !open)}
        >
          {t('programme.settings')}
        </button>
        <button
          type="button"
          className="btn btn-small"
          aria-expanded={filesOpen}
          data-testid="files-toggle"
          onClick={() => setFilesOpen((open) => !open)}
        >
          {f('toggle')}
        </button>
      </div>
      {settingsOpen && <MeetingSettingsForm view={view} onDone={() => setSettingsOpen(false)} />}
      {filesOpen && <ProgrammeFiles view={view} />}
      {view.segments.map((segment, index) => (
        <SegmentBlock
          key={segment.id}
          view={view}
          segment={segment}
          index={index}
          schedule={schedule.segments.find((s) => s.segmentId === segment.id) ?? null}
        />
      ))}
    </aside>
  );
}
