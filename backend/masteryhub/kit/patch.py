"""The one way to declare a PATCH body: ``class ThingUpdate(PatchModel)``.

Every field of a PatchModel may be left out (it keeps its value). An explicit ``null`` is
refused with a 422 naming the field, unless the field is declared ``Clearable[...]`` — the
fields whose stored value may be empty, where ``null`` clears it. The OpenAPI schema says the
same: only clearable fields admit ``null``. So a field added later cannot let a ``null`` reach a
NOT NULL column (a 500) by being written ``str | None = None`` out of habit: it is refused until
someone decides it may be cleared.

    class HubUpdate(PatchModel):
        name: str | None = Field(None, min_length=2)     # null refused
        region: Clearable[str] = Field(None)             # null clears it
"""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, GetJsonSchemaHandler, ValidationInfo, field_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

T = TypeVar("T")


class _ClearableMarker:
    def __repr__(self) -> str:
        return "CLEARABLE"


CLEARABLE = _ClearableMarker()
Clearable = Annotated[T | None, CLEARABLE]
NULL_REFUSED = "Leave this out to keep the current value; it cannot be emptied."


class PatchModel(BaseModel):
    @classmethod
    def clearable_fields(cls) -> frozenset[str]:
        return frozenset(
            name for name, field in cls.model_fields.items() if CLEARABLE in field.metadata
        )

    @field_validator("*", mode="before")
    @classmethod
    def _refuse_null(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None and info.field_name not in cls.clearable_fields():
            raise PydanticCustomError("null_not_allowed", NULL_REFUSED)
        return value

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        target = handler.resolve_ref_schema(schema)
        clearable = cls.clearable_fields()
        for name, field in cls.model_fields.items():
            prop = target.get("properties", {}).get(field.alias or name)
            if prop is None or name in clearable:
                continue
            options = prop.get("anyOf")
            if options:
                kept = [option for option in options if option != {"type": "null"}]
                if len(kept) == 1:
                    del prop["anyOf"]
                    prop.update(kept[0])
                else:
                    prop["anyOf"] = kept
            if "default" in prop and prop["default"] is None:
                del prop["default"]
        return schema
