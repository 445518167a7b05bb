"""A hub's money settings: how meeting time maps to release days, when attendance earns a
school's grant, and whether payment waits for the headteacher's confirmation."""
