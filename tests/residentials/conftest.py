from tests.trg_meetings.world import world

__all__ = ["world"]
