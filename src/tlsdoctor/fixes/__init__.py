"""Fixes: from a cause (and what is known about the server/client) to concrete steps."""
