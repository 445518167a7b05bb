from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, EmailStr

from masteryhub.applications.schemas import ApplicationRead
from masteryhub.domain.fields import IsoDate


class HeadteacherStatement(BaseModel):
    application_id: uuid.UUID
    application_reference: str
    name: str
    email: str
    statement: str | None
    commits_to_release_time: bool | None
    statement_received_at: datetime | None


class SpecialistRecord(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    hub_id: uuid.UUID
    cohort_id: uuid.UUID
    application_id: uuid.UUID | None
    first_name: str
    last_name: str
    email: str
    status: str
    appointed_on: IsoDate


class UserAccount(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: str
    name: str
    role: str
    hub_id: uuid.UUID | None
    school_id: uuid.UUID | None
    is_active: bool
    created_at: datetime


class EmailRecord(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    to_address: str
    subject: str
    text_body: str
    template: str
    status: str
    created_at: datetime
    sent_at: datetime | None


class PersonExport(BaseModel):
    email: str
    applications: list[ApplicationRead]
    headteacher_statements: list[HeadteacherStatement]
    specialists: list[SpecialistRecord]
    user: UserAccount | None
    emails: list[EmailRecord]


class ErasureRequest(BaseModel):
    email: EmailStr


class ErasureReport(BaseModel):
    applications: int
    headteacher_statements: int
    specialists: int
    users: int
    emails: int
    audit_events: int
