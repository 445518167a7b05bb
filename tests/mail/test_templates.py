"""Email templates: British dates and times, escaping, and what each email must name."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from masteryhub.mail import APPLICATION_TEMPLATES, MissingContext, UnknownTemplate, render
from masteryhub.mail.rendering import format_date, format_deadline, format_time
from tests.mail.conftest import received_context

LINK_EXPIRES_AT = datetime(2020, 6, 29, 16, 0, tzinfo=UTC)
FULL_CONTEXT = received_context(
    reference_url="https://masteryhub.test/references/tok3n",
    link_expires_at=LINK_EXPIRES_AT,
    school_name="Oakfield Primary School",
    decline_reason="I am on leave until September.",
    starts_at=LINK_EXPIRES_AT,
    duration_minutes=45,
    location="North Star Maths Hub, Room 2",
    video_url=None,
    sequence=0,
)


@pytest.mark.parametrize(
    ("instant", "expected"),
    [
        ("2020-06-15T16:00:00+00:00", "5pm on 15 June 2020"),  # BST
        ("2020-12-01T17:00:00+00:00", "5pm on 1 December 2020"),  # GMT
        ("2020-03-02T09:30:00+00:00", "9:30am on 2 March 2020"),
        ("2020-07-01T11:00:00+00:00", "midday on 1 July 2020"),
        ("2020-06-30T23:00:00+00:00", "midnight on 1 July 2020"),  # the London date, not UTC's
    ],
)
def test_deadlines_are_london_wall_time_in_british_style(instant: str, expected: str) -> None:
    assert format_deadline(datetime.fromisoformat(instant)) == expected


def test_dates_and_times() -> None:
    assert format_date(date(2020, 6, 5)) == "5 June 2020"
    assert format_time(datetime(2020, 1, 10, 13, 5, tzinfo=UTC)) == "1:05pm"
    with pytest.raises(ValueError, match="timezone-aware"):
        format_date(datetime(2020, 6, 15, 17, 0))


@pytest.mark.parametrize("template", sorted(APPLICATION_TEMPLATES))
def test_every_template_names_the_cohort_and_reference_in_both_bodies(template: str) -> None:
    email = render(template, FULL_CONTEXT)

    assert email.subject and "\n" not in email.subject
    for body in (email.text_body, email.html_body):
        assert "Primary Mastery Specialist Programme Cohort 6" in body
        assert "PMS6-000042" in body
        assert "North Star Maths Hub" in body
    assert email.html_body.lstrip().startswith("<!DOCTYPE html>")
    assert "<" not in email.text_body


@pytest.mark.parametrize(
    "template", ["application_received", "reference_request", "reference_reminder"]
)
def test_emails_before_the_deadline_give_the_closing_date(template: str) -> None:
    email = render(template, FULL_CONTEXT)

    assert "5pm on 15 June 2020" in email.text_body
    assert "5pm on 15 June 2020" in email.html_body


@pytest.mark.parametrize("template", ["reference_request", "reference_reminder"])
def test_reference_requests_carry_the_link_and_its_expiry(template: str) -> None:
    email = render(template, FULL_CONTEXT)

    assert "Amira Khan" in email.subject
    assert "Dear J. Patel" in email.text_body
    assert "https://masteryhub.test/references/tok3n" in email.text_body
    assert 'href="https://masteryhub.test/references/tok3n"' in email.html_body
    assert "expires at 5pm on 29 June 2020" in email.text_body
    assert "Oakfield Primary School" in email.text_body


def test_confirmation_subject_and_next_steps() -> None:
    email = render("application_received", received_context())

    assert email.subject == (
        "We have received your application to Primary Mastery Specialist Programme Cohort 6 "
        "(PMS6-000042)"
    )
    assert "We have emailed J. Patel to ask for their reference" in email.text_body
    without_request = render(
        "application_received", received_context(headteacher_reference_requested=False)
    )
    assert "J. Patel" not in without_request.text_body
    assert "Applications close at 5pm on 15 June 2020" in without_request.text_body


def test_html_is_escaped_but_text_is_not() -> None:
    email = render(
        "application_not_appointed",
        received_context(applicant_name="Siân <b>O'Brien</b>", message="Line one\nLine two"),
    )

    assert "Siân &lt;b&gt;O&#39;Brien&lt;/b&gt;" in email.html_body
    assert "<b>" not in email.html_body
    assert "Dear Siân <b>O'Brien</b>," in email.text_body
    assert "Line one\nLine two" in email.text_body


def test_a_newline_in_the_data_cannot_reach_the_subject_header() -> None:
    email = render(
        "reference_request", {**FULL_CONTEXT, "applicant_name": "Amira\r\nBcc: x@evil.example"}
    )

    assert "\n" not in email.subject and "\r" not in email.subject


def test_missing_context_and_unknown_templates_fail_at_render_time() -> None:
    context = received_context()
    del context["closes_at"]
    with pytest.raises(MissingContext, match="closes_at"):
        render("application_received", context)
    with pytest.raises(UnknownTemplate):
        render("application_recieved", received_context())
