"""Diagnosis: evidence in, ranked findings out. Never opens a socket."""
