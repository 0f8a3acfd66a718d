"""The read-only HTTP API under /api/v1: tokens (`tokens`, `cli`), authentication and rate
limits (`auth`, `limits`), query parameters (`params`), serializers, the routes and the
OpenAPI document. `dashboard.server` only mounts `routes.api_routes()`."""
