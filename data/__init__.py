"""Facts the code reads: role words, unit aliases, administrative divisions, seeds.

Kept as package data so that an installed `resp` finds them without the checkout.
"""
from importlib.resources import files


def data_path(name: str):
    """A Traversable for a file under data/ (works from a wheel or a checkout)."""
    return files(__name__).joinpath(name)
