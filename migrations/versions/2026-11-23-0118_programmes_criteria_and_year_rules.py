"""programme year rules; the primary and secondary programmes with criteria and year rules

The programmes are reference data every database needs (production included), so they are
inserted here rather than by a seed command. Wording is the programme documents' own
(shared/seeds): the Primary Cohort 6 information and the Secondary TfM Specialists programme.
Ids are fixed (UUIDv5 of the programme and criterion codes) so every environment agrees.

Revision ID: 0005_cohorts
Revises: 0003_reference_data
Create Date: 2026-11-23 01:18:28.521811+00:00
"""

import uuid
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

import masteryhub.models.base

revision: str = "0005_cohorts"
down_revision: str | None = "0003_reference_data"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://masteryhub.test/programmes")


def fixed_id(*parts: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, "/".join(parts))


PROGRAMMES = {
    "primary": "Primary Mastery Specialist Programme",
    "secondary": "Secondary Teaching for Mastery Specialists Programme",
}

# (code, kind, wording) in the documents' order.
CRITERIA: dict[str, list[tuple[str, str, str]]] = {
    "primary": [
        ("qts", "essential", "Qualified Teacher Status"),
        (
            "primary_teaching_role",
            "essential",
            "Employed as a teacher in a primary/infant/junior/middle school, and regularly "
            "teaching maths to the same class of children at least three days a week",
        ),
        (
            "programme_commitment",
            "essential",
            "Able to fulfil the programme requirements and time commitment outlined above",
        ),
        (
            "good_teaching",
            "essential",
            "Good teaching skills in maths as evidenced by internal/external/Ofsted observation",
        ),
        ("mastery_passion", "essential", "Passion and enthusiasm for teaching for mastery"),
        ("collaboration", "essential", "Ability to work collaboratively with others"),
        (
            "own_school_track_record",
            "essential",
            "Successful track record of working with other professionals effectively within "
            "your own school",
        ),
        ("communication", "essential", "Excellent communication and interpersonal skills"),
        (
            "understanding_of_learning",
            "essential",
            "An understanding of what constitutes effective learning in maths and the ability "
            "and confidence to communicate this",
        ),
        (
            "desire_to_develop",
            "essential",
            "Desire to develop their skills both in the classroom and in working with others",
        ),
        ("additional_status", "desirable", "Additional Status, e.g. Mathematics SLE/MaST"),
        ("subject_leader", "desirable", "Mathematics subject leader"),
        ("four_years_experience", "desirable", "A minimum of four years teaching primary maths"),
        (
            "specialist_development",
            "desirable",
            "A desire to develop as a specialist teacher of primary maths",
        ),
        (
            "cross_school_track_record",
            "desirable",
            "Successful track record of working effectively with other professionals across a "
            "group of schools",
        ),
        ("leadership_capacity", "desirable", "The ability to grow leadership capacity in others"),
    ],
    "secondary": [
        ("qts", "essential", "Qualified Teacher Status"),
        (
            "secondary_teaching_role",
            "essential",
            "Employed as a teacher in a state-funded middle/secondary school",
        ),
        (
            "good_teaching",
            "essential",
            "Good teaching skills in mathematics as evidenced by internal/external/Ofsted",
        ),
        (
            "two_years_experience",
            "essential",
            "A minimum of 2 years’ experience teaching mathematics",
        ),
        ("mastery_passion", "essential", "Passion and enthusiasm for teaching for mastery"),
        ("collaboration", "essential", "Ability to work collaboratively with others"),
        (
            "own_school_track_record",
            "essential",
            "Successful track record of working effectively with other professionals within "
            "own school",
        ),
        ("communication", "essential", "Excellent communication and interpersonal skills"),
        (
            "understanding_of_learning",
            "essential",
            "An understanding of what constitutes effective learning in mathematics, and the "
            "ability and confidence to communicate this",
        ),
        # "e/g/" is the document's own spelling, kept as written.
        (
            "additional_status",
            "desirable",
            "Additional Status; e/g/ Lead Practitioner; Mathematics SLE; NCETM Accredited PD Lead",
        ),
        ("subject_leader", "desirable", "Mathematics Subject Leader"),
        (
            "cross_school_track_record",
            "desirable",
            "Successful track record of working effectively with other professionals across a "
            "group of schools",
        ),
        ("leadership_capacity", "desirable", "The ability to grow leadership capacity in others"),
        (
            "tfm_engagement",
            "desirable",
            "Already engaged with Maths Hub work on teaching for mastery and/or the "
            "China-England exchange",
        ),
    ],
}

# Release days are stored in half days (15 days = 30). Primary day rates are set by each hub,
# so the table is empty; secondary rates and grants are the document's figures, in pence.
YEAR_RULES: dict[str, list[dict[str, Any]]] = {
    "primary": [
        {
            "programme_year": 1,
            "release_half_days": 30,
            "day_rates_pence": {},
            "grants": [],
            "notes": "15 days' teacher release time, fully funded through the Maths Hub (day "
            "rate set by the hub). The hub also funds travel to the NCETM launch conference, "
            "with some financial assistance to help schools purchase textbooks from the DfE "
            "approved list.",
        },
        {
            "programme_year": 2,
            "release_half_days": 66,
            "day_rates_pence": {},
            "grants": [],
            "notes": "Up to 33 days' teacher release time, fully funded through the Maths Hub "
            "(day rate set by the hub), and the cost of travel for school support visits. "
            "Includes three days of training as Professional Development Leads.",
        },
        {
            "programme_year": 3,
            "release_half_days": 66,
            "day_rates_pence": {},
            "grants": [],
            "notes": "Up to 33 days' teacher release time, fully funded through the Maths Hub "
            "(day rate set by the hub), and the cost of travel for school support visits.",
        },
    ],
    "secondary": [
        {
            "programme_year": 1,
            "release_half_days": 30,
            "day_rates_pence": {"default": 20000},
            "grants": [],
            "notes": "15 days' release time for the lead teacher (£3,000). The hub also "
            "funds the NCETM Accredited Secondary PD Leads programme and travel to all the "
            "training residentials.",
        },
        {
            "programme_year": 2,
            "release_half_days": 30,
            "day_rates_pence": {"default": 35000},
            "grants": [
                {
                    "code": "department_support",
                    "description": "Paid to each department working with the specialist to "
                    "support their developments",
                    "amount_pence": 200000,
                }
            ],
            "notes": "15 days' release time at £350 per day (£5,250) to support two "
            "other departments, plus £2,000 to each department working with the "
            "specialist.",
        },
    ],
}

programmes_table = sa.table(
    "programmes",
    sa.column("id", sa.Uuid()),
    sa.column("code", sa.String()),
    sa.column("name", sa.String()),
)
criteria_table = sa.table(
    "criteria",
    sa.column("id", sa.Uuid()),
    sa.column("programme_id", sa.Uuid()),
    sa.column("code", sa.String()),
    sa.column("kind", sa.String()),
    sa.column("wording", sa.Text()),
    sa.column("position", sa.Integer()),
)
year_rules_table = sa.table(
    "programme_year_rules",
    sa.column("id", sa.Uuid()),
    sa.column("programme_id", sa.Uuid()),
    sa.column("programme_year", sa.Integer()),
    sa.column("release_half_days", sa.Integer()),
    sa.column("day_rates_pence", sa.JSON()),
    sa.column("grants", sa.JSON()),
    sa.column("notes", sa.String()),
)


def insert_reference_data() -> None:
    op.bulk_insert(
        programmes_table,
        [{"id": fixed_id(code), "code": code, "name": name} for code, name in PROGRAMMES.items()],
    )
    op.bulk_insert(
        criteria_table,
        [
            {
                "id": fixed_id(programme, "criteria", code),
                "programme_id": fixed_id(programme),
                "code": code,
                "kind": kind,
                "wording": wording,
                "position": position,
            }
            for programme, criteria in CRITERIA.items()
            for position, (code, kind, wording) in enumerate(criteria, start=1)
        ],
    )
    op.bulk_insert(
        year_rules_table,
        [
            {
                "id": fixed_id(programme, "year-rules", str(rule["programme_year"])),
                "programme_id": fixed_id(programme),
                **rule,
            }
            for programme, rules in YEAR_RULES.items()
            for rule in rules
        ],
    )


def upgrade() -> None:
    # ### commands auto generated by Alembic - please adjust! ###
    op.create_table(
        "programme_year_rules",
        sa.Column("programme_id", sa.Uuid(), nullable=False),
        sa.Column("programme_year", sa.Integer(), nullable=False),
        sa.Column("release_half_days", sa.Integer(), nullable=False),
        sa.Column("day_rates_pence", sa.JSON(), nullable=False),
        sa.Column("grants", sa.JSON(), nullable=False),
        sa.Column("notes", sa.String(length=1000), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column(
            "created_at",
            masteryhub.models.base.UTCDateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            masteryhub.models.base.UTCDateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_programme_year_rules_programme_id_programmes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_year_rules")),
        sa.UniqueConstraint(
            "programme_id",
            "programme_year",
            name=op.f("uq_programme_year_rules_programme_id_programme_year"),
        ),
    )
    with op.batch_alter_table("programme_year_rules", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_programme_year_rules_updated_at"), ["updated_at"], unique=False
        )

    with op.batch_alter_table("cohorts", schema=None) as batch_op:
        batch_op.create_unique_constraint(
            batch_op.f("uq_cohorts_reference_prefix"), ["reference_prefix"]
        )

    # ### end Alembic commands ###
    insert_reference_data()


def downgrade() -> None:
    ids = [fixed_id(code) for code in PROGRAMMES]
    op.execute(criteria_table.delete().where(criteria_table.c.programme_id.in_(ids)))
    op.execute(programmes_table.delete().where(programmes_table.c.id.in_(ids)))
    # ### commands auto generated by Alembic - please adjust! ###
    with op.batch_alter_table("cohorts", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_cohorts_reference_prefix"), type_="unique")

    with op.batch_alter_table("programme_year_rules", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_programme_year_rules_updated_at"))

    op.drop_table("programme_year_rules")
    # ### end Alembic commands ###
