"""Probing: the only package that opens sockets (asyncio)."""
