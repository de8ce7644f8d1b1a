/** The items of a panel while the meeting runs: adding, editing, moving, removing. Pure. */
import type { E } from '../events.ts';
import { parseDuration } from '../duration.ts';
import { Id, itemFromFile, type Item } from '../programme.ts';
import { findItem, onTheFloor, type LiveItem } from '../state.ts';
import { cmd, Index, ItemChanges, ItemInput } from './fields.ts';
import {
  defineCommand,
  defineEvolvers,
  invalid,
  itemNotFound,
  mapItem,
  mapSegment,
  MODERATOR,
  notAllowed,
  itemNotInSegment,
  segmentNotFound,
  type Outcome,
} from './kit.ts';
import { freshItemId, itemIdTaken } from './turns.ts';

export type ItemEvent =
  | E<'itemAdded', { segmentId: string; item: LiveItem; index: number }>
  | E<'itemUpdated', { item: LiveItem }>
  | E<'itemMoved', { itemId: string; segmentId: string; toIndex: number }>
  | E<'itemRemoved', { itemId: string }>;

function checkThresholds(item: {
  warning?: number | string | null;
  danger?: number | string | null;
}): Outcome {
  const warning = item.warning == null ? null : parseDuration(item.warning);
  const danger = item.danger == null ? null : parseDuration(item.danger);
  if (warning !== null && danger !== null && danger > warning) {
    return invalid('danger-after-warning');
  }
  return null;
}

/** The item as a file would write it, to apply changes on. */
function itemAsInput(item: Item): ItemInput {
  return {
    id: item.id,
    kind: item.kind === 'point-of-order' ? 'statement' : item.kind,
    speaker: item.speaker,
    ...(item.topic === undefined ? {} : { topic: item.topic }),
    minutes: item.allottedMs / 60_000,
    warning: item.warningMs / 60_000,
    danger: item.dangerMs / 60_000,
    ...(item.note === undefined ? {} : { note: item.note }),
  };
}

export const ITEM_COMMANDS = {
  'item.add': defineCommand(
    cmd('item.add', { segmentId: Id, item: ItemInput, beforeItemId: Id.optional() }),
    {
      roles: MODERATOR,
      decide: (d, command) => {
        const segment = d.state.segments.find((s) => s.id === command.segmentId);
        if (!segment) return segmentNotFound(command.segmentId);
        if (segment.kind !== 'panel') return notAllowed('add-floor-item');
        if (command.item.id !== undefined && itemIdTaken(d.state, command.item.id)) {
          return notAllowed('item-id-taken', { id: command.item.id });
        }
        let index = segment.items.length;
        if (command.beforeItemId !== undefined) {
          index = segment.items.findIndex((i) => i.id === command.beforeItemId);
          if (index === -1) return itemNotInSegment(command.beforeItemId, segment.id);
        }
        const check = checkThresholds(command.item);
        if (check) return check;
        const id = command.item.id ?? freshItemId(d.state, `item-${d.state.seq + 1}`);
        const item: LiveItem = {
          ...itemFromFile({ ...command.item, id }, d.state.meta.languages),
          status: 'upcoming',
        };
        d.emit({ type: 'itemAdded', segmentId: segment.id, item, index });
        return null;
      },
    },
  ),
  'item.update': defineCommand(cmd('item.update', { itemId: Id, changes: ItemChanges }), {
    roles: MODERATOR,
    decide: (d, command) => {
      const found = findItem(d.state, command.itemId);
      if (!found) return itemNotFound(command.itemId);
      if (found.segment.kind !== 'panel') return notAllowed('edit-floor-item');
      const changes: ItemChanges = command.changes;
      if (Object.keys(changes).length === 0) return invalid('no-changes');
      const current = itemAsInput(found.item);
      const minutesChanged = changes.minutes !== undefined;
      const merged: ItemInput = { ...current };
      for (const [key, value] of Object.entries(changes) as [keyof ItemChanges, unknown][]) {
        if (value === null) delete (merged as Record<string, unknown>)[key];
        else (merged as Record<string, unknown>)[key] = value;
      }
      // A new length brings new default thresholds unless they are given too.
      if (minutesChanged && changes.warning === undefined) delete merged.warning;
      if (minutesChanged && changes.danger === undefined) delete merged.danger;
      const check = checkThresholds(merged);
      if (check) return check;
      const item = itemFromFile({ ...merged, id: found.item.id }, d.state.meta.languages);
      d.emit({ type: 'itemUpdated', item: { ...item, status: found.item.status } });
      return null;
    },
  }),
  'item.move': defineCommand(
    cmd('item.move', { itemId: Id, segmentId: Id.optional(), toIndex: Index }),
    {
      roles: MODERATOR,
      decide: (d, command) => {
        const found = findItem(d.state, command.itemId);
        if (!found) return itemNotFound(command.itemId);
        if (found.segment.kind !== 'panel') return notAllowed('move-floor-item');
        const targetId = command.segmentId ?? found.segment.id;
        const target = d.state.segments.find((s) => s.id === targetId);
        if (!target) return segmentNotFound(targetId);
        if (target.kind !== 'panel') return notAllowed('move-into-floor');
        if (onTheFloor(found.item) && target.id !== found.segment.id) {
          return notAllowed('move-speaking');
        }
        const last = target.id === found.segment.id ? target.items.length - 1 : target.items.length;
        if (command.toIndex > last) return invalid('item-index', { last });
        if (target.id === found.segment.id && command.toIndex === found.index) {
          return notAllowed('item-in-place');
        }
        d.emit({
          type: 'itemMoved',
          itemId: found.item.id,
          segmentId: target.id,
          toIndex: command.toIndex,
        });
        return null;
      },
    },
  ),
  'item.remove': defineCommand(cmd('item.remove', { itemId: Id }), {
    roles: MODERATOR,
    decide: (d, command) => {
      const found = findItem(d.state, command.itemId);
      if (!found) return itemNotFound(command.itemId);
      if (onTheFloor(found.item)) return notAllowed('remove-speaking');
      if (d.state.turns.some((t) => t.itemId === command.itemId)) {
        return notAllowed('remove-spoken', { name: found.item.speaker.name });
      }
      d.emit({ type: 'itemRemoved', itemId: command.itemId });
      return null;
    },
  }),
};

export const ITEM_EVENTS = defineEvolvers<ItemEvent['type']>({
  itemAdded: (state, { segmentId, item, index }) => ({
    ...mapSegment(state, segmentId, (s) => {
      const items = [...s.items];
      items.splice(index, 0, item);
      return { ...s, items };
    }),
    seq: state.seq + 1,
  }),
  itemUpdated: (state, { item }) => mapItem(state, item.id, (i) => ({ ...item, status: i.status })),
  itemMoved: (state, { itemId, segmentId, toIndex }) => {
    const found = findItem(state, itemId);
    if (!found) return state;
    const without = mapSegment(state, found.segment.id, (s) => ({
      ...s,
      items: s.items.filter((i) => i.id !== itemId),
    }));
    return mapSegment(without, segmentId, (s) => {
      const items = [...s.items];
      items.splice(toIndex, 0, found.item);
      return { ...s, items };
    });
  },
  itemRemoved: (state, { itemId }) => ({
    ...state,
    segments: state.segments.map((s) => ({
      ...s,
      items: s.items.filter((i) => i.id !== itemId),
    })),
  }),
});
