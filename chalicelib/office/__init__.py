"""The office console's services (SPEC C6): staff members, their sign-in and sessions, roles, the audit trail."""
