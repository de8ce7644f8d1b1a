/**
 * A session's programme written back as a programme file: what the secretariat edited before
 * and during the meeting, without what the meeting itself added (the open floor's speakers).
 * Importing the file gives the same programme. Pure.
 */
import type { ProgrammeFile, ProgrammeItemFile, SegmentFile } from './programme.ts';
import type { LiveItem, SessionState } from './state.ts';

/** ms as minutes, exactly: parsing multiplies back and rounds to the same whole ms. */
const minutes = (ms: number) => ms / 60_000;

function itemToFile(item: LiveItem): ProgrammeItemFile | null {
  if (item.requestId !== undefined || item.kind === 'point-of-order') return null;
  return {
    id: item.id,
    kind: item.kind,
    speaker: item.speaker,
    ...(item.topic === undefined ? {} : { topic: item.topic }),
    minutes: minutes(item.allottedMs),
    warning: minutes(item.warningMs),
    danger: minutes(item.dangerMs),
    ...(item.note === undefined ? {} : { note: item.note }),
  };
}

/** The programme file of a session as it stands. Pure. */
export function programmeFileOf(state: SessionState): ProgrammeFile {
  const { meta } = state;
  const segments: SegmentFile[] = state.segments.map((segment) =>
    segment.kind === 'panel'
      ? {
          id: segment.id,
          kind: 'panel',
          title: segment.title,
          budget: minutes(segment.budgetMs),
          items: segment.items.flatMap((i) => itemToFile(i) ?? []),
        }
      : {
          id: segment.id,
          kind: 'floor',
          title: segment.title,
          budget: minutes(segment.budgetMs),
          times: {
            statement: minutes(segment.timesMs.statement),
            question: minutes(segment.timesMs.question),
            answer: minutes(segment.timesMs.answer),
            reply: minutes(segment.timesMs.reply),
            'point-of-order': minutes(segment.timesMs['point-of-order']),
          },
        },
  );
  return {
    id: meta.id,
    title: meta.title,
    ...(meta.venue === undefined ? {} : { venue: meta.venue }),
    ...(meta.dates === undefined ? {} : { dates: meta.dates }),
    plannedStart: meta.plannedStart,
    timeZone: meta.timeZone,
    languages: [...meta.languages],
    segments,
    ...(state.statesParties === null ? {} : { statesParties: [...state.statesParties] }),
  };
}
