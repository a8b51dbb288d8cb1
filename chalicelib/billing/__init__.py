"""Invoices and payments (F8-F10): the ledger, Stripe, webhooks."""
