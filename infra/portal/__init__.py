"""The portal's AWS stack: one construct per concern (tables, documents, api, site), composed in stack.py."""
