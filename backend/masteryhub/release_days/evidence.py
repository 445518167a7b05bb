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


async def check_evidence(session: AsyncSession, specialist: Specialist, evidence: Evidence) -> None:
    if evidence.type is EvidenceType.RESIDENTIAL:
        statement = select(Residential.id).where(
            Residential.id == evidence.id, Residential.cohort_id == specialist.cohort_id
        )
        message = "No residential of this specialist's cohort has this id."
    elif evidence.type is EvidenceType.TRG_MEETING:
        statement = select(TrgMeeting.id).where(
            TrgMeeting.id == evidence.id, TrgMeeting.lead_specialist_id == specialist.id
        )
        message = "No TRG meeting led by this specialist has this id."
    else:
        statement = select(WorkGroupSession.id).where(
            WorkGroupSession.id == evidence.id,
            exists().where(
                WorkGroupLead.work_group_id == WorkGroupSession.work_group_id,
                WorkGroupLead.specialist_id == specialist.id,
            ),
        )
        message = "No session of a work group this specialist leads has this id."
    if await session.scalar(statement) is None:
        raise EvidenceNotFound(errors=[FieldError(field="evidence.id", message=message)])
