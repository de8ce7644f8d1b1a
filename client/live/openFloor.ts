/**
 * The open floor's parts of the live page, one chunk that LiveApp and ProgrammeSegment load the
 * first time they show one (the list of speakers opens, or this device has requests): most phones
 * only ever watch, and their first load stays small. The parts' styles come with them, added to
 * the page before either renders; their words with `loadOpenFloor`.
 */
import styles from './floor.css?inline';

const sheet = document.createElement('style');
sheet.textContent = styles;
document.head.append(sheet);

export { FloorPanel } from './FloorPanel.tsx';
export { SpeakersList } from './SpeakersList.tsx';
