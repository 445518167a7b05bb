from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints

from masteryhub.domain.fields import IsoDate
from masteryhub.kit.patch import Clearable, PatchModel
from masteryhub.models.school_import import ImportStatus

LaCode = Annotated[str, StringConstraints(pattern=r"^\d{3}$")]


class SchoolRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    urn: str = Field(description="DfE unique reference number: 6 digits, always a string.")
    name: str
    type_code: str | None = Field(description="GIAS TypeOfEstablishment code, e.g. `34`.")
    type_name: str | None
    type_group_code: str | None
    type_group_name: str | None
    status_code: str | None = Field(
        description="1 Open, 2 Closed, 3 Open but proposed to close, 4 Proposed to open."
    )
    status_name: str | None
    phase_code: str | None = Field(
        description="0 Not applicable, 1 Nursery, 2 Primary, 3 Middle deemed primary, "
        "4 Secondary, 5 Middle deemed secondary, 6 16 plus, 7 All-through."
    )
    phase_name: str | None
    la_code: str | None = Field(description="Local authority code, e.g. `330`.")
    la_name: str | None
    region_code: str | None = Field(description="Government office region (GOR) code.")
    region_name: str | None
    postcode: str | None
    head_name: str | None
    opened_on: IsoDate | None
    closed_on: IsoDate | None
    is_state_funded: bool
    is_in_england: bool
    is_open: bool
    hub_id: uuid.UUID | None = Field(description="The hub whose area the school is in.")
    hub_overridden: bool = Field(
        description="True when a national admin set the hub; false when it follows the LA."
    )
    created_at: datetime
    updated_at: datetime


class SchoolUpdate(PatchModel):
    """Send `hub_id` to override the school's hub, or `hub_overridden: false` to clear the
    override so the hub follows the school's LA again."""

    model_config = ConfigDict(extra="forbid")

    hub_id: Clearable[uuid.UUID] = Field(
        None, description="Put the school in this hub whatever its LA (`null`: in no hub)."
    )
    hub_overridden: StrictBool | None = Field(
        None, description="Only `false`: the school's hub follows its LA again."
    )


class SkippedRowRead(BaseModel):
    row: int = Field(description="Row in the file as a spreadsheet numbers it (header = 1).")
    urn: str | None
    reason: str


class SchoolImportRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    status: ImportStatus
    filename: str
    size_bytes: int
    encoding: str | None = Field(description="As detected: `utf-8-sig`, `utf-8` or `cp1252`.")
    requested_by: str = Field(validation_alias="requested_by_label")
    total: int | None = Field(description="Data rows in the file, once counted.")
    processed: int
    created: int
    updated: int
    unchanged: int = Field(description="Schools already imported exactly as in this file.")
    skipped_count: int
    skipped: list[SkippedRowRead] = Field(
        description="The first 1,000 skipped rows with their reasons (all are counted)."
    )
    error: str | None
    started_at: datetime | None
    finished_at: datetime | None
    created_at: datetime
    updated_at: datetime


class LocalAuthority(BaseModel):
    code: str = Field(description="The LA code (3 digits), as GIAS gives it.")
    name: str | None = Field(
        description="As GIAS spells it, taken from the imported schools; null while no school "
        "of that LA is imported."
    )


class HubAreasRead(BaseModel):
    hub_id: uuid.UUID
    la_codes: list[str] = Field(description="The LA codes in the hub's area, sorted.")
    areas: list[LocalAuthority] = Field(description="The same LAs with their names, sorted.")


class HubAreasUpdate(BaseModel):
    la_codes: list[LaCode] = Field(
        max_length=400,
        description="Every LA code (3 digits) in the hub's area; replaces the current set.",
    )


class HubAreasReplaced(HubAreasRead):
    schools_rerouted: int = Field(
        description="Schools (without an override) whose hub changed with the area."
    )
