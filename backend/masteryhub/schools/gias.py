"""Reading DfE's GIAS all-establishments CSV (`edubasealldataYYYYMMDD.csv`), one row at a time.

The file is read in passes that each hold one row at a time, so memory stays flat whatever the
file's size: the encoding is detected on the raw bytes, the rows are counted (for progress),
then parsed into ``SchoolRecord``s. Nothing here touches the database.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from datetime import date, datetime
from pathlib import Path
from typing import Final

from sqlalchemy import String

from masteryhub.models.school import School

CHUNK_BYTES: Final = 1024 * 1024
# Bumped when the mapping or the derivation rules change, so the next import rewrites every
# school even though its source row is unchanged.
MAPPING_VERSION: Final = "1"

# Establishment type codes (../shared/reference/gias-establishment-types.csv).
WELSH_ESTABLISHMENT: Final = "30"
# Not state-funded (product.md): the group "Independent schools" (6 City technology college,
# 11 Other independent school), "Other independent special school" (10), and Welsh (30),
# overseas (25 Offshore schools, 37 British schools overseas), online (49 Online provider) and
# HE (29 Higher education institutions) establishments.
INDEPENDENT_GROUP: Final = "3"
NOT_STATE_FUNDED_TYPES: Final = frozenset({"6", "10", "11", "25", "29", "30", "37", "49"})
# Not in England: LA codes a DfE service excludes (Wales, overseas and service children's
# education, offshore).
NOT_IN_ENGLAND_LA_CODES: Final = frozenset({"673", "702", "000", "704", "708"})
OPEN_STATUS_CODES: Final = frozenset({"1", "3"})  # Open; Open, but proposed to close
URN_PATTERN: Final = re.compile(r"^\d{6}$")
NOT_APPLICABLE: Final = "Not applicable"

# School attribute ← GIAS column.
COLUMNS: Final = {
    "urn": "URN",
    "name": "EstablishmentName",
    "type_code": "TypeOfEstablishment (code)",
    "type_name": "TypeOfEstablishment (name)",
    "type_group_code": "EstablishmentTypeGroup (code)",
    "type_group_name": "EstablishmentTypeGroup (name)",
    "status_code": "EstablishmentStatus (code)",
    "status_name": "EstablishmentStatus (name)",
    "phase_code": "PhaseOfEducation (code)",
    "phase_name": "PhaseOfEducation (name)",
    "la_code": "LA (code)",
    "la_name": "LA (name)",
    "region_code": "GOR (code)",
    "region_name": "GOR (name)",
    "postcode": "Postcode",
    "opened_on": "OpenDate",
    "closed_on": "CloseDate",
}
HEAD_COLUMNS: Final = ("HeadTitle (name)", "HeadFirstName", "HeadLastName")
REQUIRED_COLUMNS: Final = (*COLUMNS.values(), *HEAD_COLUMNS)
DATE_FIELDS: Final = frozenset({"opened_on", "closed_on"})


def _column_lengths() -> dict[str, int]:
    lengths = {}
    for column in School.__table__.columns:
        if isinstance(column.type, String) and column.type.length:
            lengths[column.key] = column.type.length
    return lengths


MAX_LENGTHS: Final = _column_lengths()


class GiasFileError(Exception):
    """The file as a whole cannot be imported (the message is shown to the admin)."""


@dataclass(frozen=True)
class SchoolRecord:
    """One school as the import writes it (every stored field but the hub)."""

    urn: str
    name: str
    type_code: str | None
    type_name: str | None
    type_group_code: str | None
    type_group_name: str | None
    status_code: str | None
    status_name: str | None
    phase_code: str | None
    phase_name: str | None
    la_code: str | None
    la_name: str | None
    region_code: str | None
    region_name: str | None
    postcode: str | None
    head_name: str | None
    opened_on: date | None
    closed_on: date | None
    is_state_funded: bool
    is_in_england: bool
    is_open: bool

    def values(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in RECORD_FIELDS}

    @property
    def source_hash(self) -> str:
        # Fields in a fixed order, separated by a control character no GIAS value contains;
        # empty values are None (never ""), so "" stands for None unambiguously.
        canonical = "\x1f".join(
            "" if value is None else str(value)
            for value in (MAPPING_VERSION, *(getattr(self, name) for name in RECORD_FIELDS))
        )
        return hashlib.sha256(canonical.encode()).hexdigest()


RECORD_FIELDS: Final = tuple(field.name for field in dataclass_fields(SchoolRecord))


@dataclass(frozen=True)
class SkippedRow:
    row: int
    urn: str | None
    reason: str


def detect_encoding(path: Path) -> str:
    """`utf-8-sig` with a BOM; `utf-8` if every byte decodes as UTF-8; else Windows-1252.

    Decoded incrementally in chunks, so a 200 MB file costs one chunk of memory.
    """
    with path.open("rb") as file:
        head = file.read(len(codecs.BOM_UTF8))
        if head == codecs.BOM_UTF8:
            return "utf-8-sig"
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            decoder.decode(head)
            while chunk := file.read(CHUNK_BYTES):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8"


def _open_text(path: Path, encoding: str) -> io.TextIOWrapper:
    # cp1252 leaves five bytes undefined; one stray byte must not lose 50,000 schools, so it
    # becomes U+FFFD in that one field. UTF-8 was verified whole by detect_encoding.
    errors = "replace" if encoding == "cp1252" else "strict"
    return open(path, encoding=encoding, errors=errors, newline="")


def count_rows(path: Path, encoding: str) -> int:
    """Data rows in the file (records after the header, blank lines not counted)."""
    with _open_text(path, encoding) as text:
        records = sum(1 for fields in _records(csv.reader(text)) if fields is None or fields)
    return max(0, records - 1)


# Python's csv module refuses a field longer than this (its default field_size_limit, left as
# it is: it bounds the memory one row can take). No GIAS field comes near it.
MAX_FIELD_CHARACTERS = 131_072
FIELD_TOO_LONG = f"A field is longer than {MAX_FIELD_CHARACTERS:,} characters."


def _records(reader: Iterator[list[str]]) -> Iterator[list[str] | None]:
    """The reader's records, with None for a record the csv module refused (a field over
    MAX_FIELD_CHARACTERS): the reader carries on at the next line, so one bad row is skipped
    rather than failing the file."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "field larger than field limit" not in str(exc):
                raise
            yield None


def _clean(value: str) -> str | None:
    value = value.strip()
    return value or None


def _parse_date(value: str | None) -> date | None:
    # GIAS writes dates as DD-MM-YYYY; ISO dates are accepted too. An unreadable date is left
    # empty rather than losing the school over it.
    if value is None:
        return None
    for pattern in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, pattern).date()  # noqa: DTZ007 (a date, no zone)
        except ValueError:
            continue
    return None


def _head_name(title: str | None, first: str | None, last: str | None) -> str | None:
    parts = [p for p in (title, first, last) if p and p != NOT_APPLICABLE]
    return " ".join(parts) if (first or last) and parts else None


def is_state_funded(type_code: str | None, type_group_code: str | None) -> bool:
    return type_group_code != INDEPENDENT_GROUP and type_code not in NOT_STATE_FUNDED_TYPES


def is_in_england(type_code: str | None, la_code: str | None) -> bool:
    return type_code != WELSH_ESTABLISHMENT and la_code not in NOT_IN_ENGLAND_LA_CODES


def is_open(status_code: str | None) -> bool:
    return status_code in OPEN_STATUS_CODES


class GiasReader:
    """Iterates a GIAS file as (row number, record or skipped row).

    Row numbers are as a spreadsheet shows them: the header is row 1.
    """

    def __init__(self, path: Path, encoding: str) -> None:
        self.path = path
        self.encoding = encoding

    def __iter__(self) -> Iterator[tuple[int, SchoolRecord | SkippedRow]]:
        return self.rows()

    def rows(self) -> Generator[tuple[int, SchoolRecord | SkippedRow], None, None]:
        with _open_text(self.path, self.encoding) as text:
            reader = csv.reader(text)
            header = next(reader, None)
            if header is None:
                raise GiasFileError("The file is empty.")
            index = self._index(header)
            width = len(header)
            for row_number, fields in enumerate(_records(reader), start=2):
                if fields is None:
                    yield row_number, SkippedRow(row_number, None, FIELD_TOO_LONG)
                    continue
                if not fields:
                    continue
                if len(fields) != width:
                    urn = _clean(fields[index["URN"]]) if len(fields) > index["URN"] else None
                    reason = f"Expected {width} fields, found {len(fields)}."
                    yield row_number, SkippedRow(row_number, urn, reason)
                    continue
                yield row_number, self._record(row_number, fields, index)

    @staticmethod
    def _index(header: list[str]) -> dict[str, int]:
        index: dict[str, int] = {}
        for position, name in enumerate(header):
            index.setdefault(name.strip(), position)
        missing = [name for name in REQUIRED_COLUMNS if name not in index]
        if missing:
            raise GiasFileError(
                "This is not a GIAS all-establishments file: the header lacks "
                + ", ".join(missing[:5])
                + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
                + "."
            )
        return index

    @staticmethod
    def _record(
        row_number: int, fields: list[str], index: dict[str, int]
    ) -> SchoolRecord | SkippedRow:
        raw = {attr: _clean(fields[index[column]]) for attr, column in COLUMNS.items()}
        urn = raw["urn"]
        if urn is None:
            return SkippedRow(row_number, None, "The URN is missing.")
        if not URN_PATTERN.match(urn):
            return SkippedRow(row_number, urn[:20], "The URN is not 6 digits.")
        if raw["name"] is None:
            return SkippedRow(row_number, urn, "The establishment name is missing.")
        head = _head_name(*(_clean(fields[index[column]]) for column in HEAD_COLUMNS))
        texts = {k: v for k, v in raw.items() if k not in DATE_FIELDS}
        texts["head_name"] = head
        for attr, value in texts.items():
            if value is not None and len(value) > MAX_LENGTHS[attr]:
                column = COLUMNS.get(attr, "Head name")
                return SkippedRow(
                    row_number, urn, f"{column} is longer than {MAX_LENGTHS[attr]} characters."
                )
        return SchoolRecord(
            urn=urn,
            name=raw["name"],
            type_code=raw["type_code"],
            type_name=raw["type_name"],
            type_group_code=raw["type_group_code"],
            type_group_name=raw["type_group_name"],
            status_code=raw["status_code"],
            status_name=raw["status_name"],
            phase_code=raw["phase_code"],
            phase_name=raw["phase_name"],
            la_code=raw["la_code"],
            la_name=raw["la_name"],
            region_code=raw["region_code"],
            region_name=raw["region_name"],
            postcode=raw["postcode"],
            head_name=head,
            opened_on=_parse_date(raw["opened_on"]),
            closed_on=_parse_date(raw["closed_on"]),
            is_state_funded=is_state_funded(raw["type_code"], raw["type_group_code"]),
            is_in_england=is_in_england(raw["type_code"], raw["la_code"]),
            is_open=is_open(raw["status_code"]),
        )


class UrnSeen:
    """Which URNs the file has already given, in a fixed 125 KB bitmap (URNs are 6 digits),
    so a repeated URN is caught without memory growing with the file."""

    def __init__(self) -> None:
        self._bits = bytearray(1_000_000 // 8)

    def add(self, urn: str) -> bool:
        """Mark ``urn``; False if it was already marked."""
        number = int(urn)
        byte, bit = divmod(number, 8)
        if self._bits[byte] & (1 << bit):
            return False
        self._bits[byte] |= 1 << bit
        return True
