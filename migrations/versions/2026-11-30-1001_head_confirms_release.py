"""head confirms release: school contacts, termly release confirmations, their lines, links and
chaser log; the note of what a payment run held back for the head's word

Revision ID: 0015_confirm
Revises: 0014_withdrawals
Create Date: 2026-11-30 09:52:24.588656+00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import masteryhub.models.base

revision: str = "0015_confirm"
down_revision: str | None = "0014_withdrawals"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "release_confirmations",
        sa.Column("school_id", sa.Uuid(), nullable=False),
        sa.Column("academic_year", sa.String(length=7), nullable=False),
        sa.Column(
            "term",
            sa.Enum("autumn", "spring", "summer", name="termname", native_enum=False, length=8),
            nullable=False,
        ),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("headteacher_name", sa.String(length=200), nullable=True),
        sa.Column("sent_to", sa.String(length=320), nullable=False),
        sa.Column("sent_at", masteryhub.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", masteryhub.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("answered_at", masteryhub.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("answered_by_name", sa.String(length=200), nullable=True),
        sa.Column("hub_id", sa.Uuid(), nullable=False),
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
            ["hub_id"],
            ["hubs.id"],
            name=op.f("fk_release_confirmations_hub_id_hubs"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"], name=op.f("fk_release_confirmations_school_id_schools")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_release_confirmations")),
        sa.UniqueConstraint(
            "hub_id",
            "school_id",
            "academic_year",
            "term",
            "sequence",
            name=op.f("uq_release_confirmations_hub_id_school_id_academic_year_term_sequence"),
        ),
    )
    with op.batch_alter_table("release_confirmations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_release_confirmations_hub_id"), ["hub_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_release_confirmations_school_id"), ["school_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_release_confirmations_updated_at"), ["updated_at"], unique=False
        )

    op.create_table(
        "school_contacts",
        sa.Column("school_id", sa.Uuid(), nullable=False),
        sa.Column("headteacher_name", sa.String(length=200), nullable=True),
        sa.Column("headteacher_email", sa.String(length=320), nullable=False),
        sa.Column("hub_id", sa.Uuid(), nullable=False),
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
            ["hub_id"],
            ["hubs.id"],
            name=op.f("fk_school_contacts_hub_id_hubs"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"],
            ["schools.id"],
            name=op.f("fk_school_contacts_school_id_schools"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_school_contacts")),
        sa.UniqueConstraint(
            "hub_id", "school_id", name=op.f("uq_school_contacts_hub_id_school_id")
        ),
    )
    with op.batch_alter_table("school_contacts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_school_contacts_hub_id"), ["hub_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_school_contacts_updated_at"), ["updated_at"], unique=False
        )

    op.create_table(
        "release_confirmation_chasers",
        sa.Column("confirmation_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("sent_at", masteryhub.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("hub_id", sa.Uuid(), nullable=False),
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
            ["confirmation_id"],
            ["release_confirmations.id"],
            name=op.f("fk_release_confirmation_chasers_confirmation_id_release_confirmations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["hub_id"],
            ["hubs.id"],
            name=op.f("fk_release_confirmation_chasers_hub_id_hubs"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_release_confirmation_chasers")),
        sa.UniqueConstraint(
            "confirmation_id",
            "day",
            name=op.f("uq_release_confirmation_chasers_confirmation_id_day"),
        ),
    )
    with op.batch_alter_table("release_confirmation_chasers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_release_confirmation_chasers_confirmation_id"),
            ["confirmation_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_release_confirmation_chasers_hub_id"), ["hub_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_release_confirmation_chasers_updated_at"), ["updated_at"], unique=False
        )

    op.create_table(
        "release_confirmation_links",
        sa.Column("confirmation_id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("expires_at", masteryhub.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", masteryhub.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("hub_id", sa.Uuid(), nullable=False),
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
            ["confirmation_id"],
            ["release_confirmations.id"],
            name=op.f("fk_release_confirmation_links_confirmation_id_release_confirmations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["hub_id"],
            ["hubs.id"],
            name=op.f("fk_release_confirmation_links_hub_id_hubs"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_release_confirmation_links")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_release_confirmation_links_token_hash")),
    )
    with op.batch_alter_table("release_confirmation_links", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_release_confirmation_links_confirmation_id"),
            ["confirmation_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_release_confirmation_links_hub_id"), ["hub_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_release_confirmation_links_updated_at"), ["updated_at"], unique=False
        )

    op.create_table(
        "release_confirmation_lines",
        sa.Column("confirmation_id", sa.Uuid(), nullable=False),
        sa.Column("entry_id", sa.Uuid(), nullable=False),
        sa.Column(
            "answer",
            sa.Enum("confirmed", "disputed", name="lineanswer", native_enum=False, length=16),
            nullable=True,
        ),
        sa.Column("comment", sa.String(length=2000), nullable=True),
        sa.Column(
            "resolution",
            sa.Enum("reversed", "upheld", name="disputeresolution", native_enum=False, length=16),
            nullable=True,
        ),
        sa.Column("resolution_note", sa.String(length=2000), nullable=True),
        sa.Column("resolved_at", masteryhub.models.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("resolved_by_id", sa.Uuid(), nullable=True),
        sa.Column("resolved_by_label", sa.String(length=320), nullable=True),
        sa.Column("hub_id", sa.Uuid(), nullable=False),
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
            ["confirmation_id"],
            ["release_confirmations.id"],
            name=op.f("fk_release_confirmation_lines_confirmation_id_release_confirmations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["release_day_entries.id"],
            name=op.f("fk_release_confirmation_lines_entry_id_release_day_entries"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["hub_id"],
            ["hubs.id"],
            name=op.f("fk_release_confirmation_lines_hub_id_hubs"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_release_confirmation_lines")),
        sa.UniqueConstraint("entry_id", name=op.f("uq_release_confirmation_lines_entry_id")),
    )
    with op.batch_alter_table("release_confirmation_lines", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_release_confirmation_lines_confirmation_id"),
            ["confirmation_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_release_confirmation_lines_hub_id"), ["hub_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_release_confirmation_lines_updated_at"), ["updated_at"], unique=False
        )

    with op.batch_alter_table("payment_runs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("held_back_note", sa.String(length=1000), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("payment_runs", schema=None) as batch_op:
        batch_op.drop_column("held_back_note")

    with op.batch_alter_table("release_confirmation_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_release_confirmation_lines_updated_at"))
        batch_op.drop_index(batch_op.f("ix_release_confirmation_lines_hub_id"))
        batch_op.drop_index(batch_op.f("ix_release_confirmation_lines_confirmation_id"))

    op.drop_table("release_confirmation_lines")
    with op.batch_alter_table("release_confirmation_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_release_confirmation_links_updated_at"))
        batch_op.drop_index(batch_op.f("ix_release_confirmation_links_hub_id"))
        batch_op.drop_index(batch_op.f("ix_release_confirmation_links_confirmation_id"))

    op.drop_table("release_confirmation_links")
    with op.batch_alter_table("release_confirmation_chasers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_release_confirmation_chasers_updated_at"))
        batch_op.drop_index(batch_op.f("ix_release_confirmation_chasers_hub_id"))
        batch_op.drop_index(batch_op.f("ix_release_confirmation_chasers_confirmation_id"))

    op.drop_table("release_confirmation_chasers")
    with op.batch_alter_table("school_contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_school_contacts_updated_at"))
        batch_op.drop_index(batch_op.f("ix_school_contacts_hub_id"))

    op.drop_table("school_contacts")
    with op.batch_alter_table("release_confirmations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_release_confirmations_updated_at"))
        batch_op.drop_index(batch_op.f("ix_release_confirmations_school_id"))
        batch_op.drop_index(batch_op.f("ix_release_confirmations_hub_id"))

    op.drop_table("release_confirmations")
