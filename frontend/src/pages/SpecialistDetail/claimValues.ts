import type { Activity, EntryCreate, EntryKind, EvidenceType } from '../../api/releaseDays';
import type { ClaimableEvent } from '../../api/specialists';
import { formatDate, formatDays } from '../../lib/format';
import { poundsToPence } from '../CohortDetail/money';

export interface ClaimValues {
  kind: EntryKind;
  /** `trg_meeting:<id>`: the recorded event the claim is for, or null for other work. */
  evidence: string | null;
  date: string | null;
  school_id: string | null;
  days: number | string;
  activity: string | null;
  grant_code: string | null;
  /** Travel, in pounds as typed (`12.40`); sent as pence. */
  amount: string;
  note: string;
}

const EVIDENCE_GROUPS: Record<EvidenceType, string> = {
  trg_meeting: 'TRG meetings',
  work_group_session: 'Work group sessions',
  work_group: 'Work groups',
  residential: 'Residentials',
};

export const evidenceKey = (event: Pick<ClaimableEvent, 'type' | 'id'>) => `${event.type}:${event.id}`;

function evidenceLabel(event: ClaimableEvent): string {
  const claimed = event.claimed_days > 0 ? ` (${formatDays(event.claimed_days)} already claimed)` : '';
  return `${formatDate(event.date)}: ${event.title}${claimed}`;
}

/** The picker's options, grouped by kind of event, newest first as the API lists them. */
export function evidenceOptions(events: readonly ClaimableEvent[]) {
  return (Object.keys(EVIDENCE_GROUPS) as EvidenceType[])
    .map((type) => ({
      group: EVIDENCE_GROUPS[type],
      items: events.filter((event) => event.type === type).map((event) => ({ value: evidenceKey(event), label: evidenceLabel(event) })),
    }))
    .filter((group) => group.items.length > 0);
}

/** What the API takes: only the fields of the kind of claim, money in pence. */
export function claimBody(values: ClaimValues): EntryCreate {
  const [type, id] = values.evidence ? values.evidence.split(':') : [];
  const common = {
    kind: values.kind,
    date: values.date ?? '',
    school_id: values.school_id,
    evidence: type && id ? { type: type as EvidenceType, id } : null,
    note: values.note.trim() || null,
  };
  if (values.kind === 'grant') return { ...common, grant_code: values.grant_code };
  if (values.kind === 'travel') return { ...common, amount_pence: poundsToPence(values.amount) };
  return { ...common, days: Number(values.days), activity: values.activity as Activity | null };
}

