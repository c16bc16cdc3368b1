"""Where the CLI writes: data to stdout (each command's own Console or typer.echo), messages to `err`."""

from rich.console import Console

err = Console(stderr=True, soft_wrap=True)
