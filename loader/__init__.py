"""text → records → graph: the loader stage of resp."""

from .regexcache import install as _install_regex_cache

_install_regex_cache()
