"""Prefect flows for stemmen: thin wiring over one-line tasks that call the library.

Only the CLI and deployments import this package (lazily); ``stemmen`` never does.
"""
