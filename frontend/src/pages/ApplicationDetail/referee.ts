import type { ApplicationDetail } from '../../api/applications';
import { formatDate, formatTime } from '../../lib/format';

export const REFERENCE_STATE_WORDS: Record<ApplicationDetail['reference_status']['state'], string> = {
  not_needed: 'Not needed now',
  awaiting: 'Waiting for the headteacher',
  received: 'Received',
  declined: 'Declined by the headteacher',
};

/**
 * When staff may send the link again, in words, or null when they may now (at most once in 48
 * hours to the same address). `now` is passed in so tests are not at the mercy of the clock.
 */
export function resendWait(availableAt: string | null | undefined, now: Date = new Date()): string | null {
  if (!availableAt) return null;
  const at = new Date(availableAt);
  if (Number.isNaN(at.getTime()) || at <= now) return null;
  return `The link was sent again less than 48 hours ago, so it can next be sent on ${formatDate(at)} at ${formatTime(at)} (London time).`;
}

export interface LogLine {
  at: string;
  text: string;
}

/** What was sent to whom and when: the links sent again by hand and the scheduled chasers. */
export function referenceLog(application: ApplicationDetail): LogLine[] {
  const lines: LogLine[] = [
    ...(application.reference_resends ?? []).map((resend) => ({
      at: resend.sent_at,
      text: `New link sent by ${resend.sent_by}${resend.sent_to ? ` to ${resend.sent_to}` : ''}.`,
    })),
    ...application.reference_status.chasers.map((chaser) => ({
      at: chaser.sent_at,
      text:
        chaser.recipient === 'headteacher'
          ? `Reminder to the headteacher, ${chaser.day} days after the link was sent.`
          : `Reminder to the applicant to nudge their headteacher, ${chaser.day} days after the link was sent.`,
    })),
  ];
  return lines.sort((a, b) => a.at.localeCompare(b.at));
}
