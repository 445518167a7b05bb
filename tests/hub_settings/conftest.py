from __future__ import annotations

import pytest

from tests.factories import Factory
from tests.specialists.delivery_data import DeliveryData


@pytest.fixture
def delivery(factory: Factory) -> DeliveryData:
    return DeliveryData(factory)
