"""The `resp` entry point: a click group that imports each command only when it runs.

Start-up cost matters for a terminal tool, so `resp --help` imports no database driver,
and `resp who-leads` never imports the parser.
"""
from __future__ import annotations

import importlib

import click

# command name -> "module:attribute" under resp.cli
COMMANDS = {
    "parse": "parse_cmd:parse",
    "load": "load_cmd:load",
    "remove": "load_cmd:remove",
    "export": "load_cmd:export",
    "who-leads": "query_cmds:who_leads",
    "tasks": "query_cmds:tasks",
    "mirrors": "query_cmds:mirrors",
    "coverage": "query_cmds:coverage",
    "documents": "query_cmds:documents",
    "partners": "query_cmds:partners",
    "stats": "query_cmds:stats",
    "units": "query_cmds:units",
    "dropped": "query_cmds:dropped",
    "without-plan": "query_cmds:without_plan",
    "queries": "query_cmds:list_queries",
    "query": "query_cmds:run_query",
    "cypher": "query_cmds:cypher",
    "push": "neo4j_cmds:push",
    "browser-guide": "neo4j_cmds:browser_guide",
    "show": "picture_cmds:show",
    "matrix": "picture_cmds:matrix",
}


class LazyGroup(click.Group):
    """A group whose commands live in modules imported on first use."""

    def parse_args(self, ctx, args):
        from .values import refuse_undecodable

        refuse_undecodable(args)  # before any command turns one into a statement or a path
        return super().parse_args(ctx, args)

    def list_commands(self, ctx):
        return [name for name in COMMANDS if self._find(name) is not None]

    def get_command(self, ctx, name):
        return self._find(name)

    @staticmethod
    def _find(name):
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        try:
            module = importlib.import_module(f"resp.cli.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"resp.cli.{module_name}":
                return None  # command not built into this version
            raise
        return getattr(module, attr, None)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="resp")
def main():
    """Task-responsibility graphs from Chinese government plans (重点任务分工表).

    \b
    Example:
      resp load data/seeds && resp who-leads 托育
    """


if __name__ == "__main__":
    main()
