"""text → records → graph: the loader stage of resp."""
