"""Email templates: subject, plain text and HTML rendered with Jinja2, in British English.

Each template ``NAME`` is three files in ``templates/``: ``NAME.subject.txt``, ``NAME.txt`` and
``NAME.html`` (autoescaped). ``TEMPLATES`` lists the context keys each one needs; a missing key
fails at queue time, in the caller's request, rather than as a broken email later.

Dates and times are shown in Europe/London as GOV.UK writes them: ``15 June 2020``, ``5pm``,
``5:30pm``, ``midday``; ``deadline`` gives ``5pm on 15 June 2020``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from masteryhub.domain.academic_year import LONDON

TEMPLATE_DIR = Path(__file__).parent / "templates"

# Context keys every template needs (optional keys are described in each template's header).
_COMMON = frozenset({"applicant_name", "reference", "cohort_name", "hub_name"})
APPLICATION_TEMPLATES: dict[str, frozenset[str]] = {
    "application_received": _COMMON | {"closes_at"},
    "reference_request": _COMMON
    | {"headteacher_name", "reference_url", "link_expires_at", "closes_at"},
    "reference_reminder": _COMMON
    | {"headteacher_name", "reference_url", "link_expires_at", "closes_at"},
    "application_appointed": _COMMON,
    "application_not_appointed": _COMMON,
    "reference_chaser_applicant": _COMMON | {"headteacher_name", "closes_at"},
    "reference_declined": _COMMON | {"headteacher_name", "decline_reason"},
    "interview_invitation": _COMMON
    | {"starts_at", "duration_minutes", "location", "video_url", "sequence"},
}
# About a person's own sign-in (their own layout: no application reference).
_ACCOUNT = frozenset({"name", "hub_name"})
ACCOUNT_TEMPLATES: dict[str, frozenset[str]] = {
    "invitation": _ACCOUNT | {"invitation_url", "link_expires_at", "role_label", "invited_by"},
    "password_reset": _ACCOUNT | {"reset_url", "link_expires_at"},
    "password_changed": _ACCOUNT | {"changed_at", "reset_url"},
    "mfa_reset": _ACCOUNT | {"reset_at"},
}
# To a school's headteacher about the school's release days (their own layout).
_SCHOOL = frozenset({"headteacher_name", "school_name", "hub_name"})
SCHOOL_TEMPLATES: dict[str, frozenset[str]] = {
    "release_confirmation_request": _SCHOOL
    | {"term_label", "lines", "confirm_url", "link_expires_at"},
    "release_confirmation_reminder": _SCHOOL
    | {"term_label", "lines", "confirm_url", "link_expires_at"},
}
TEMPLATES: dict[str, frozenset[str]] = {
    **APPLICATION_TEMPLATES,
    **ACCOUNT_TEMPLATES,
    **SCHOOL_TEMPLATES,
}


class UnknownTemplate(ValueError):
    pass


class MissingContext(ValueError):
    pass


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text_body: str
    html_body: str


def _london(value: date | datetime) -> date | datetime:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("email templates need timezone-aware datetimes")
        return value.astimezone(LONDON)
    return value


def format_date(value: date | datetime) -> str:
    """``15 June 2020`` (an instant is shown as its date in London)."""
    local = _london(value)
    return f"{local.day} {local:%B %Y}"


def format_time(value: datetime) -> str:
    """``5pm``, ``9:30am``, ``midday``, ``midnight`` (London wall time)."""
    local = _london(value)
    assert isinstance(local, datetime)
    if (local.hour, local.minute) == (12, 0):
        return "midday"
    if (local.hour, local.minute) == (0, 0):
        return "midnight"
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    return f"{hour}{suffix}" if local.minute == 0 else f"{hour}:{local.minute:02d}{suffix}"


def format_deadline(value: datetime) -> str:
    """``5pm on 15 June 2020``."""
    return f"{format_time(value)} on {format_date(value)}"


def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["date"] = format_date
    environment.filters["time"] = format_time
    environment.filters["deadline"] = format_deadline
    return environment


_env = _environment()


def render(template: str, context: Mapping[str, Any]) -> RenderedEmail:
    """Render TEMPLATE's subject and both bodies; raises if the template or a key is missing."""
    required = TEMPLATES.get(template)
    if required is None:
        raise UnknownTemplate(f"no email template {template!r}; known: {sorted(TEMPLATES)}")
    missing = required - context.keys()
    if missing:
        raise MissingContext(f"email template {template!r} needs {sorted(missing)}")
    values = dict(context)
    subject = _env.get_template(f"{template}.subject.txt").render(values)
    return RenderedEmail(
        # One line, whatever the data: a newline in a header is an injection.
        subject=" ".join(subject.split()),
        text_body=_env.get_template(f"{template}.txt").render(values),
        html_body=_env.get_template(f"{template}.html").render(values),
    )
