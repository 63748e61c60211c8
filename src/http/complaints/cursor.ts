import type { EventCursor, PageCursor } from '../../store/complaint-queries.ts';
import { decodePageCursor, encodePageCursor, isInstantText, isUuidText } from '../page-cursor.ts';

export const encodeCursor = (cursor: PageCursor): string => encodePageCursor([cursor.receivedAt, cursor.id]);

export const decodeCursor = (value: string): PageCursor =>
  decodePageCursor(value, ([receivedAt, id]) => (isInstantText(receivedAt) && isUuidText(id) ? { receivedAt, id } : undefined));

export const encodeEventCursor = (cursor: EventCursor): string => encodePageCursor([cursor.version, cursor.recordedAt, cursor.type]);

export const decodeEventCursor = (value: string): EventCursor =>
  decodePageCursor(value, ([version, recordedAt, type]) =>
    Number.isInteger(version) && (version as number) > 0 && (version as number) < 2 ** 31 && isInstantText(recordedAt) && typeof type === 'string'
      ? { version: version as number, recordedAt, type }
      : undefined,
  );
