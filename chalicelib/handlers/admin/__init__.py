"""Admin API (SPEC C1) for the company's software; every route needs an admin API key.

The key is checked in ``chalicelib.web`` for every path under /api/admin/. The admin
services and their pydantic schemas are imported inside the views: customer pages, and the
cold start that serves them, never pay for loading them.
"""
