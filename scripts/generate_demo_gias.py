#!/usr/bin/env python3
"""Write the demo's GIAS-shaped schools file: a few hundred made-up schools in the demo hubs'
local authorities, as DfE publishes the real extract (Windows-1252, CRLF, all 139 columns with
their real headings from ``gias-edubasealldata-columns.txt``).

    python3 scripts/generate_demo_gias.py   # rewrites backend/masteryhub/demo_data/…csv

Deterministic (a fixed seed), so the committed file only changes when this script does.
``masteryhub seed-demo`` loads it through the real importer (masteryhub.demo).

URNs 991000–991299: clear of the browser tests' ranges (600000–799999, 900000–990249) and of
the hand-made demo schools (999001–999102). The names are invented; any likeness to a real
school is chance. A few are closed, independent or outside either programme's phases, so
screening has something to say.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COLUMNS_FILE = Path(__file__).with_name("gias-edubasealldata-columns.txt")
OUTPUT = ROOT / "backend" / "masteryhub" / "demo_data" / "edubasealldata-demo.csv"
FIRST_URN = 991000
COUNT = 300

# (LA code, LA name, GOR code, GOR name, postcode areas): the north hub's Greater Manchester
# LAs and the south hub's Solent LAs (masteryhub.demo.DEMO_LA_HUBS gives each to its hub).
LOCAL_AUTHORITIES = [
    ("352", "Manchester", "B", "North West", ["M1", "M8", "M9", "M11", "M14", "M20", "M22"]),
    ("355", "Salford", "B", "North West", ["M5", "M6", "M7", "M27", "M30"]),
    ("356", "Stockport", "B", "North West", ["SK1", "SK2", "SK3", "SK4", "SK7"]),
    ("358", "Trafford", "B", "North West", ["M32", "M33", "M41", "WA14", "WA15"]),
    ("852", "Southampton", "J", "South East", ["SO14", "SO15", "SO16", "SO17", "SO18"]),
    ("851", "Portsmouth", "J", "South East", ["PO1", "PO2", "PO3", "PO4", "PO6"]),
    ("850", "Hampshire", "J", "South East", ["SO50", "SO53", "PO7", "PO9", "GU14"]),
]
# (type code, type name, group code, group name, weight)
TYPES = [
    ("1", "Community school", "4", "Local authority maintained schools", 30),
    ("2", "Voluntary aided school", "4", "Local authority maintained schools", 12),
    ("3", "Voluntary controlled school", "4", "Local authority maintained schools", 8),
    ("5", "Foundation school", "4", "Local authority maintained schools", 3),
    ("28", "Academy sponsor led", "10", "Academies", 12),
    ("34", "Academy converter", "10", "Academies", 25),
    ("35", "Free schools", "11", "Free Schools", 4),
    ("11", "Other independent school", "3", "Independent schools", 5),
    ("7", "Community special school", "5", "Special schools", 1),
]
# (phase code, phase name, low age, high age, name endings, weight)
PHASES = [
    ("2", "Primary", 4, 11, ["Primary School", "Primary Academy", "Junior School"], 62),
    ("4", "Secondary", 11, 16, ["High School", "Academy", "School", "College"], 22),
    ("3", "Middle deemed primary", 8, 12, ["Middle School"], 3),
    ("5", "Middle deemed secondary", 9, 13, ["Middle School"], 2),
    ("7", "All-through", 4, 18, ["School", "Academy"], 4),
    ("1", "Nursery", 2, 5, ["Nursery School"], 4),
    ("6", "16 plus", 16, 19, ["Sixth Form College"], 3),
]
STATUSES = [
    ("1", "Open", 92),
    ("2", "Closed", 4),
    ("3", "Open, but proposed to close", 2),
    ("4", "Proposed to open", 2),
]
PLACES = [
    "Oak",
    "Ash",
    "Beech",
    "Willow",
    "Elm",
    "Hazel",
    "Rowan",
    "Birch",
    "Cedar",
    "Holly",
    "Brook",
    "Meadow",
    "Hill",
    "Vale",
    "Moor",
    "Ford",
    "Bridge",
    "Green",
    "Park",
    "Field",
    "Harbour",
    "Quay",
    "Marsh",
    "Heath",
    "Cliff",
    "Dale",
    "Lea",
    "Mill",
    "Wood",
    "Spring",
]
SUFFIXES = ["side", "field", "wood", "bank", "lands", "gate", "way", "hurst", "croft", "mead", ""]
SAINTS = ["St Aidan's", "St Thérèse's", "St Mary's", "St Luke's", "St Bede's", "St Chad's"]
HEADS = [
    ("Mrs", "Joanna", "Patel"),
    ("Mr", "Tom", "Reilly"),
    ("Ms", "Helen", "Byrne"),
    ("Dr", "Kwame", "Mensah"),
    ("Mrs", "Lucy", "Green"),
    ("Mr", "Daniel", "Hart"),
    ("Ms", "Siân", "Pryce"),
    ("Mr", "Óscar", "Núñez"),
    ("Mrs", "Zoë", "Ashworth"),
    ("Mr", "Imran", "Qureshi"),
    ("Miss", "Aoife", "Brennan"),
    ("Mrs", "Grace", "Adeyemi"),
    ("Mr", "Chris", "O'Neill"),
    ("Ms", "Renée", "Dubois"),
    ("Mrs", "Priya", "Shah"),
]
STREETS = ["Church Lane", "School Road", "Station Road", "Park Avenue", "Mill Lane", "High Street"]


def weighted(rng: random.Random, options: list[tuple]) -> tuple:
    return rng.choices(options, weights=[o[-1] for o in options])[0]


def postcode(rng: random.Random, areas: list[str]) -> str:
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    return f"{rng.choice(areas)} {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"


def school_name(rng: random.Random, type_code: str, endings: list[str]) -> str:
    if type_code in {"2", "3"}:
        church = rng.choice(["Catholic", "Church of England", "CofE"])
        return f"{rng.choice(SAINTS)} {church} {rng.choice(endings)}"
    return f"{rng.choice(PLACES)}{rng.choice(SUFFIXES)} {rng.choice(endings)}"


def rows(rng: random.Random, columns: list[str]) -> list[dict[str, str]]:
    made = []
    for n in range(COUNT):
        la_code, la_name, gor_code, gor_name, areas = LOCAL_AUTHORITIES[n % 7]
        type_code, type_name, group_code, group_name, _ = weighted(rng, TYPES)
        phase_code, phase_name, low, high, endings, _ = weighted(rng, PHASES)
        if type_code == "11":
            phase_code, phase_name = "0", "Not applicable"
        status_code, status_name, _ = weighted(rng, STATUSES)
        title, first, last = rng.choice(HEADS)
        opened = f"01-09-{rng.randint(1950, 2019)}"
        row = dict.fromkeys(columns, "")
        row.update(
            {
                "URN": str(FIRST_URN + n),
                "LA (code)": la_code,
                "LA (name)": la_name,
                "EstablishmentNumber": str(2000 + n),
                "EstablishmentName": school_name(rng, type_code, endings),
                "TypeOfEstablishment (code)": type_code,
                "TypeOfEstablishment (name)": type_name,
                "EstablishmentTypeGroup (code)": group_code,
                "EstablishmentTypeGroup (name)": group_name,
                "EstablishmentStatus (code)": status_code,
                "EstablishmentStatus (name)": status_name,
                "OpenDate": opened,
                "CloseDate": "31-08-2023" if status_code == "2" else "",
                "PhaseOfEducation (code)": phase_code,
                "PhaseOfEducation (name)": phase_name,
                "StatutoryLowAge": str(low),
                "StatutoryHighAge": str(high),
                "Gender (name)": "Mixed",
                "NumberOfPupils": str(rng.randint(60, 1500)),
                "Street": f"{rng.randint(1, 120)} {rng.choice(STREETS)}",
                "Town": la_name if la_name != "Hampshire" else rng.choice(["Eastleigh", "Havant"]),
                "Postcode": postcode(rng, areas),
                "SchoolWebsite": "",
                "TelephoneNum": f"0{rng.randint(1000000000, 1999999999)}",
                "HeadTitle (name)": title,
                "HeadFirstName": first,
                "HeadLastName": last,
                "GOR (code)": gor_code,
                "GOR (name)": gor_name,
                "Country (name)": "United Kingdom",
            }
        )
        made.append({k: v for k, v in row.items() if k in columns})
    return made


def write(output: Path) -> None:
    columns = [line.strip() for line in COLUMNS_FILE.read_text().splitlines() if line.strip()]
    rng = random.Random(20261130)
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="cp1252", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=columns, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows(rng, columns))


def main() -> None:
    write(OUTPUT)
    print(f"Wrote {COUNT} schools to {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
