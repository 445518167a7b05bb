"""A claim's evidence must be a recorded event of the specialist's (product.md: attendance is
the evidence). Hub scoping hides other hubs' meetings and sessions; residentials are national,
so theirs is checked through the specialist's cohort."""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from masteryhub.errors import FieldError, ValidationFailed
from masteryhub.models.cohort import Residential
from masteryhub.models.release_day_entry import EvidenceType
from masteryhub.models.specialist import Specialist
from masteryhub.models.trg_meeting import TrgMeeting
from masteryhub.models.work_group import WorkGroupLead, WorkGroupSession
from masteryhub.release_days.schemas import Evidence


class EvidenceNotFound(ValidationFailed):
    code = "evidence_not_found"
    title = "The evidence is not a recorded event of this specialist's"


async def check_evidence(
    session: AsyncSession, specialist: Specialist, evidence: Evidence, *, by_themself: bool = False
) -> None:
    """``by_themself``: the specialist is claiming (the message says "yours")."""
    whose = "yours" if by_themself else "this specialist's"
    if evidence.type is EvidenceType.RESIDENTIAL:
        statement = select(Residential.id).where(
            Residential.id == evidence.id, Residential.cohort_id == specialist.cohort_id
        )
        message = f"That residential is not one of {'your' if by_themself else 'their'} cohort's."
    elif evidence.type is EvidenceType.TRG_MEETING:
        statement = select(TrgMeeting.id).where(
            TrgMeeting.id == evidence.id, TrgMeeting.lead_specialist_id == specialist.id
        )
        message = f"That meeting is not one of {whose}."
    else:
        statement = select(WorkGroupSession.id).where(
            WorkGroupSession.id == evidence.id,
            exists().where(
                WorkGroupLead.work_group_id == WorkGroupSession.work_group_id,
                WorkGroupLead.specialist_id == specialist.id,
            ),
        )
        message = f"That work group session is not one of {whose}."
    if await session.scalar(statement) is None:
        raise EvidenceNotFound(errors=[FieldError(field="evidence", message=message)])
