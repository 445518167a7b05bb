"""Problems the application pipeline answers with (stable codes; see api.md)."""

from __future__ import annotations

from masteryhub.errors import AppError, Conflict, Forbidden, NotFound


class Gone(AppError):
    status = 410
    code = "gone"
    title = "Gone"


class CohortNotFound(NotFound):
    code = "cohort_not_found"
    title = "No such cohort"


class CohortClosed(Conflict):
    code = "cohort_closed"
    title = "Applications to this cohort have closed"


class CohortNotOpen(Conflict):
    code = "cohort_not_open"
    title = "Applications to this cohort have not opened yet"


class ReferenceNotFound(NotFound):
    code = "reference_not_found"
    title = "This reference link is not valid"


class ReferenceUsed(Gone):
    code = "reference_used"
    title = "This reference link has already been used"


class ReferenceExpired(Gone):
    code = "reference_expired"
    title = "This reference link has expired"


class ReferenceNotNeeded(Conflict):
    code = "reference_not_needed"
    title = "This application is not waiting for a reference"


class ApplicationNotReviewable(Conflict):
    code = "application_not_reviewable"
    title = "This application cannot be reviewed in its current status"


class ReviewerRecused(Conflict):
    code = "reviewer_recused"
    title = "You are recused from reviewing this application"


class ReviewExists(Conflict):
    code = "review_exists"
    title = "You have already reviewed this application"


class NotYourReview(Forbidden):
    code = "not_your_review"
    title = "Only the reviewer can change a review"


class ReviewsHidden(Forbidden):
    code = "reviews_hidden"
    title = "Submit your own review first"


class PlacesExhausted(Conflict):
    code = "places_exhausted"
    title = "Every place for this hub in the cohort is filled"


class ApplicationDecided(Conflict):
    code = "application_decided"
    title = "This application has been decided"


class ReferenceResentRecently(Conflict):
    code = "reference_resent_recently"
    title = "The reference link was sent again less than 48 hours ago"


class BulkTransitionFailed(Conflict):
    code = "bulk_transition_failed"
    title = "Some applications cannot make that change, so none were changed"


class InterviewNotAllowed(Conflict):
    code = "interview_not_allowed"
    title = "This application cannot be interviewed in its current status"
