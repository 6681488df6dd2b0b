"""The graph in a database: LadybugDB embedded (default) or a Neo4j server over Bolt."""
