"""Generated GIAS all-establishments files (all 139 columns) for the import tests and the
benchmark.

The header is GIAS's, in GIAS's order (../shared/reference/gias-edubasealldata-columns.txt);
rows are filled the way the real extract fills them, so a file of 50,000 rows is about the
size of the real one.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

HEADERS: tuple[str, ...] = (
    "URN",
    "LA (code)",
    "LA (name)",
    "EstablishmentNumber",
    "EstablishmentName",
    "TypeOfEstablishment (code)",
    "TypeOfEstablishment (name)",
    "EstablishmentTypeGroup (code)",
    "EstablishmentTypeGroup (name)",
    "EstablishmentStatus (code)",
    "EstablishmentStatus (name)",
    "ReasonEstablishmentOpened (code)",
    "ReasonEstablishmentOpened (name)",
    "OpenDate",
    "ReasonEstablishmentClosed (code)",
    "ReasonEstablishmentClosed (name)",
    "CloseDate",
    "PhaseOfEducation (code)",
    "PhaseOfEducation (name)",
    "StatutoryLowAge",
    "StatutoryHighAge",
    "Boarders (code)",
    "Boarders (name)",
    "NurseryProvision (name)",
    "OfficialSixthForm (code)",
    "OfficialSixthForm (name)",
    "Gender (code)",
    "Gender (name)",
    "ReligiousCharacter (code)",
    "ReligiousCharacter (name)",
    "ReligiousEthos (name)",
    "Diocese (code)",
    "Diocese (name)",
    "AdmissionsPolicy (code)",
    "AdmissionsPolicy (name)",
    "SchoolCapacity",
    "SpecialClasses (code)",
    "SpecialClasses (name)",
    "CensusDate",
    "NumberOfPupils",
    "NumberOfBoys",
    "NumberOfGirls",
    "PercentageFSM",
    "TrustSchoolFlag (code)",
    "TrustSchoolFlag (name)",
    "Trusts (code)",
    "Trusts (name)",
    "SchoolSponsorFlag (name)",
    "SchoolSponsors (name)",
    "FederationFlag (name)",
    "Federations (code)",
    "Federations (name)",
    "UKPRN",
    "FEHEIdentifier",
    "FurtherEducationType (name)",
    "OfstedLastInsp",
    "OfstedSpecialMeasures (code)",
    "OfstedSpecialMeasures (name)",
    "LastChangedDate",
    "Street",
    "Locality",
    "Address3",
    "Town",
    "County (name)",
    "Postcode",
    "SchoolWebsite",
    "TelephoneNum",
    "HeadTitle (name)",
    "HeadFirstName",
    "HeadLastName",
    "HeadPreferredJobTitle",
    "BSOInspectorateName (name)",
    "InspectorateReport",
    "DateOfLastInspectionVisit",
    "NextInspectionVisit",
    "TeenMoth (name)",
    "TeenMothPlaces",
    "CCF (name)",
    "SENPRU (name)",
    "EBD (name)",
    "PlacesPRU",
    "FTProv (name)",
    "EdByOther (name)",
    "Section41Approved (name)",
    "SEN1 (name)",
    "SEN2 (name)",
    "SEN3 (name)",
    "SEN4 (name)",
    "SEN5 (name)",
    "SEN6 (name)",
    "SEN7 (name)",
    "SEN8 (name)",
    "SEN9 (name)",
    "SEN10 (name)",
    "SEN11 (name)",
    "SEN12 (name)",
    "SEN13 (name)",
    "TypeOfResourcedProvision (name)",
    "ResourcedProvisionOnRoll",
    "ResourcedProvisionCapacity",
    "SenUnitOnRoll",
    "SenUnitCapacity",
    "GOR (code)",
    "GOR (name)",
    "DistrictAdministrative (code)",
    "DistrictAdministrative (name)",
    "AdministrativeWard (code)",
    "AdministrativeWard (name)",
    "ParliamentaryConstituency (code)",
    "ParliamentaryConstituency (name)",
    "UrbanRural (code)",
    "UrbanRural (name)",
    "GSSLACode (name)",
    "Easting",
    "Northing",
    "MSOA (name)",
    "LSOA (name)",
    "InspectorateName (name)",
    "SENStat",
    "SENNoStat",
    "BoardingEstablishment (name)",
    "PropsName",
    "PreviousLA (code)",
    "PreviousLA (name)",
    "PreviousEstablishmentNumber",
    "OfstedRating (name)",
    "RSCRegion (name)",
    "Country (name)",
    "UPRN",
    "SiteName",
    "QABName (code)",
    "QABName (name)",
    "EstablishmentAccredited (code)",
    "EstablishmentAccredited (name)",
    "QABReport",
    "CHNumber",
    "MSOA (code)",
    "LSOA (code)",
    "FSM",
)
assert len(HEADERS) == 139

# type code → (type name, group code, group name), from gias-establishment-types.csv
ESTABLISHMENT_TYPES: dict[str, tuple[str, str, str]] = {
    "1": ("Community school", "4", "Local authority maintained schools"),
    "2": ("Voluntary aided school", "4", "Local authority maintained schools"),
    "3": ("Voluntary controlled school", "4", "Local authority maintained schools"),
    "5": ("Foundation school", "4", "Local authority maintained schools"),
    "6": ("City technology college", "3", "Independent schools"),
    "7": ("Community special school", "5", "Special schools"),
    "8": ("Non-maintained special school", "5", "Special schools"),
    "10": ("Other independent special school", "5", "Special schools"),
    "11": ("Other independent school", "3", "Independent schools"),
    "12": ("Foundation special school", "5", "Special schools"),
    "14": ("Pupil referral unit", "4", "Local authority maintained schools"),
    "15": ("Local authority nursery school", "4", "Local authority maintained schools"),
    "18": ("Further education", "1", "Colleges"),
    "24": ("Secure units", "9", "Other types"),
    "25": ("Offshore schools", "9", "Other types"),
    "26": ("Service children's education", "9", "Other types"),
    "27": ("Miscellaneous", "9", "Other types"),
    "28": ("Academy sponsor led", "10", "Academies"),
    "29": ("Higher education institutions", "2", "Universities"),
    "30": ("Welsh establishment", "6", "Welsh schools"),
    "31": ("Sixth form centres", "1", "Colleges"),
    "32": ("Special post 16 institution", "9", "Other types"),
    "33": ("Academy special sponsor led", "10", "Academies"),
    "34": ("Academy converter", "10", "Academies"),
    "35": ("Free schools", "11", "Free Schools"),
    "36": ("Free schools special", "11", "Free Schools"),
    "37": ("British schools overseas", "9", "Other types"),
    "38": ("Free schools alternative provision", "11", "Free Schools"),
    "39": ("Free schools 16 to 19", "11", "Free Schools"),
    "40": ("University technical college", "11", "Free Schools"),
    "41": ("Studio schools", "11", "Free Schools"),
    "42": ("Academy alternative provision converter", "10", "Academies"),
    "43": ("Academy alternative provision sponsor led", "10", "Academies"),
    "44": ("Academy special converter", "10", "Academies"),
    "45": ("Academy 16-19 converter", "10", "Academies"),
    "46": ("Academy 16 to 19 sponsor led", "10", "Academies"),
    "49": ("Online provider", "13", "Online provider"),
    "56": ("Institution funded by other government department", "9", "Other types"),
    "57": ("Academy secure 16 to 19", "10", "Academies"),
}
PHASES = {
    "0": "Not applicable",
    "1": "Nursery",
    "2": "Primary",
    "3": "Middle deemed primary",
    "4": "Secondary",
    "5": "Middle deemed secondary",
    "6": "16 plus",
    "7": "All-through",
}
STATUSES = {"1": "Open", "2": "Closed", "3": "Open, but proposed to close", "4": "Proposed to open"}
LAS = {"330": "Birmingham", "331": "Coventry", "332": "Dudley", "202": "Camden", "673": "Wales"}
REGIONS = {"330": ("F", "West Midlands"), "331": ("F", "West Midlands"), "202": ("H", "London")}

# Filled as the real extract fills columns we do not import, so sizes are realistic.
_FILLER: dict[str, str] = {
    "EstablishmentNumber": "2001",
    "ReasonEstablishmentOpened (code)": "0",
    "ReasonEstablishmentOpened (name)": "Not applicable",
    "StatutoryLowAge": "4",
    "StatutoryHighAge": "11",
    "Boarders (code)": "1",
    "Boarders (name)": "No boarders",
    "NurseryProvision (name)": "Has Nursery Classes",
    "OfficialSixthForm (code)": "2",
    "OfficialSixthForm (name)": "Does not have a sixth form",
    "Gender (code)": "3",
    "Gender (name)": "Mixed",
    "ReligiousCharacter (code)": "00",
    "ReligiousCharacter (name)": "Does not apply",
    "AdmissionsPolicy (code)": "0",
    "AdmissionsPolicy (name)": "Not applicable",
    "SchoolCapacity": "420",
    "CensusDate": "19-01-2023",
    "NumberOfPupils": "412",
    "NumberOfBoys": "201",
    "NumberOfGirls": "211",
    "PercentageFSM": "31.4",
    "TrustSchoolFlag (code)": "0",
    "TrustSchoolFlag (name)": "Not applicable",
    "UKPRN": "10012345",
    "OfstedLastInsp": "14-03-2019",
    "LastChangedDate": "02-10-2023",
    "Street": "School Lane",
    "Town": "Birmingham",
    "SchoolWebsite": "http://www.example-school.sch.uk",
    "TelephoneNum": "01214641234",
    "HeadPreferredJobTitle": "Headteacher",
    "GOR (code)": "F",
    "GOR (name)": "West Midlands",
    "DistrictAdministrative (code)": "E08000025",
    "DistrictAdministrative (name)": "Birmingham",
    "AdministrativeWard (code)": "E05011118",
    "AdministrativeWard (name)": "Bordesley Green",
    "ParliamentaryConstituency (code)": "E14000562",
    "ParliamentaryConstituency (name)": "Birmingham, Hodge Hill",
    "UrbanRural (code)": "A1",
    "UrbanRural (name)": "(England/Wales) Urban major conurbation",
    "GSSLACode (name)": "E08000025",
    "Easting": "410000",
    "Northing": "287000",
    "MSOA (name)": "Birmingham 050",
    "LSOA (name)": "Birmingham 050A",
    "OfstedRating (name)": "Good",
    "RSCRegion (name)": "West Midlands",
    "Country (name)": "United Kingdom",
    "UPRN": "100070412345",
    "MSOA (code)": "E02001875",
    "LSOA (code)": "E01009123",
    "FSM": "129",
}


def gias_row(urn: str, name: str, **columns: str) -> dict[str, str]:
    """A row as GIAS writes it: an open community primary school in Birmingham (LA 330).

    Keywords: ``type_code``, ``la_code``, ``status_code``, ``phase_code`` (names follow the
    code), or an alias in ``_COLUMN_ALIASES``; change any other column on the returned dict.
    """
    type_code = columns.pop("type_code", "1")
    type_name, group_code, group_name = ESTABLISHMENT_TYPES[type_code]
    la_code = columns.pop("la_code", "330")
    status_code = columns.pop("status_code", "1")
    phase_code = columns.pop("phase_code", "2")
    region_code, region_name = REGIONS.get(la_code, ("", ""))
    row = dict(_FILLER)
    row.update(
        {
            "URN": urn,
            "EstablishmentName": name,
            "LA (code)": la_code,
            "LA (name)": LAS.get(la_code, "Somewhere"),
            "TypeOfEstablishment (code)": type_code,
            "TypeOfEstablishment (name)": type_name,
            "EstablishmentTypeGroup (code)": group_code,
            "EstablishmentTypeGroup (name)": group_name,
            "EstablishmentStatus (code)": status_code,
            "EstablishmentStatus (name)": STATUSES[status_code],
            "PhaseOfEducation (code)": phase_code,
            "PhaseOfEducation (name)": PHASES[phase_code],
            "OpenDate": "01-09-2012",
            "CloseDate": "31-08-2020" if status_code == "2" else "",
            "Postcode": "B9 5AA",
            "HeadTitle (name)": "Mrs",
            "HeadFirstName": "Amira",
            "HeadLastName": "Khan",
            "GOR (code)": region_code,
            "GOR (name)": region_name,
        }
    )
    row.update({_COLUMN_ALIASES.get(key, key): value for key, value in columns.items()})
    return row


# Keyword-friendly names for the columns tests change most.
_COLUMN_ALIASES = {
    "postcode": "Postcode",
    "head_first_name": "HeadFirstName",
    "head_last_name": "HeadLastName",
    "open_date": "OpenDate",
}


def _as_fields(row: Mapping[str, str] | list[str]) -> list[str]:
    if isinstance(row, list):
        return row  # written as given (e.g. a row with the wrong number of fields)
    unknown = set(row) - set(HEADERS)
    assert not unknown, f"not GIAS columns: {unknown}"
    return [row.get(column, "") for column in HEADERS]


def write_gias_file(
    path: Path,
    rows: Iterable[Mapping[str, str] | list[str]],
    encoding: str = "cp1252",
    headers: Iterable[str] = HEADERS,
) -> Path:
    """Write a GIAS file. ``encoding``: "cp1252" (as DfE publishes it), "utf-8" or
    "utf-8-sig" (UTF-8 with a BOM, as Excel saves it). CRLF line ends, as GIAS's."""
    with path.open("w", encoding=encoding, newline="") as file:
        writer = csv.writer(file, lineterminator="\r\n")
        writer.writerow(list(headers))
        for row in rows:
            writer.writerow(_as_fields(row))
    return path


def synthetic_rows(count: int, first_urn: int = 100000) -> Iterator[dict[str, str]]:
    """``count`` distinct schools of assorted types, phases, LAs and statuses."""
    type_codes = ["1", "2", "3", "5", "28", "34", "35", "11", "7", "10"]
    phases = ["2", "2", "2", "4", "4", "1", "0", "7"]
    la_codes = ["330", "331", "332", "202"]
    for n in range(count):
        yield gias_row(
            str(first_urn + n),
            f"St Thérèse’s Catholic Primary School {n}",
            type_code=type_codes[n % len(type_codes)],
            phase_code=phases[n % len(phases)],
            la_code=la_codes[n % len(la_codes)],
            status_code="2" if n % 17 == 0 else "1",
        )
