"""Headers every API response carries, links that ignore the caller's Host, and the
interactive docs switched off in production."""

from __future__ import annotations

from httpx import ASGITransport, AsyncClient

from masteryhub.config import Settings
from masteryhub.main import create_app
from masteryhub.models.user import Role
from tests.factories import Factory


async def test_api_json_is_not_cached_or_sniffed(client: AsyncClient, factory: Factory) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    for response in (
        await client.get("/api/v1/me", headers=admin.headers),
        await client.get("/api/v1/me"),  # a problem too
    ):
        assert response.headers["cache-control"] == "no-store"
        assert response.headers["x-content-type-options"] == "nosniff"


async def test_the_next_link_uses_the_configured_base_url_not_the_host_header(
    client: AsyncClient, factory: Factory, settings: Settings
) -> None:
    admin = await factory.caller(Role.NATIONAL_ADMIN)
    for _ in range(2):
        await factory.hub()
    response = await client.get(
        "/api/v1/hubs?limit=1", headers=admin.headers | {"Host": "evil.example"}
    )
    link = response.headers["link"]
    assert "evil.example" not in link
    assert link.startswith(f"<{settings.base_url}/api/v1/hubs?")


async def test_interactive_docs_are_off_in_production_unless_turned_on(
    settings: Settings,
) -> None:
    production = settings.model_copy(update={"env": "production", "api_docs": False})
    # What Settings(env="production") decides by itself:
    assert Settings(env="production", secret_key="k1:x").api_docs is False  # type: ignore[arg-type]
    assert Settings(env="production", secret_key="k1:x", api_docs=True).api_docs is True  # type: ignore[arg-type]
    for app_settings, docs_status in ((production, 404), (settings, 200)):
        application = create_app(app_settings)
        transport = ASGITransport(app=application)
        async with AsyncClient(transport=transport, base_url="http://testserver") as http:
            assert (await http.get("/api/docs")).status_code == docs_status
            assert (await http.get("/api/v1/openapi.json")).status_code == 200
        await application.state.engine.dispose()
