import type { TrgMeeting } from '../../api/trgMeetings';
import { formatDate } from '../../lib/format';
import { TRG_KIND_LABELS } from '../../lib/labels';

/** `School TRG of 15 June 2020`: how a meeting is named in headings and messages. */
export function describe(meeting: Pick<TrgMeeting, 'kind' | 'held_on'>): string {
  return `${TRG_KIND_LABELS[meeting.kind]} of ${formatDate(meeting.held_on)}`;
}
