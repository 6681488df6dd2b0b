"""Canned Cypher, one `.cypher` file a question."""
