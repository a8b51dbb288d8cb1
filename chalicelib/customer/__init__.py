"""What a signed-in customer sees: dashboard, history, documents, system on file, profile."""
