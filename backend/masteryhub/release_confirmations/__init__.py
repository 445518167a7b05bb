"""The headteacher confirms the release days their school gave, once a term (issue 13)."""
