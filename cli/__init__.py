"""The `resp` command line: a thin shell over resp.loader, resp.store and resp.queries."""
